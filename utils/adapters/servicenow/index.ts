/**
 * ServiceNow adapter: classic UI16 forms (top-level or inside iframe#gsft_main, which the
 * content script reaches with allFrames), and workspaces (SOW and other Next Experience
 * workspaces, deep shadow DOM → `watch: 'deep'`). Ships in the ServiceNow content script, so it
 * stays tiny: URL rules in detect.ts, DOM hooks in selectors.ts, bounded shadow queries in
 * deep.ts, reading in classic.ts / workspace.ts. identity.ts is not part of it: the background
 * runs those functions in the page's MAIN world.
 */
import type { PortalAdapter } from '../types';
import { detect } from './detect';
import { findPlacement, readTicket } from './page';

export const servicenowAdapter: PortalAdapter = {
  id: 'servicenow',
  detect,
  findPlacement,
  readTicket,
  watch: 'deep',
};
