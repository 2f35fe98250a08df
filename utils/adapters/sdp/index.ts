/**
 * ServiceDesk Plus on-prem adapter (request and change detail pages). Ships in the SDP content
 * script, so it stays tiny: URL rules in detect.ts, DOM hooks in selectors.ts, reading in page.ts.
 * `readSdpIdentity` (identity.ts) is not part of it: the background runs that in the MAIN world.
 */
import type { PortalAdapter } from '../types';
import { detect } from './detect';
import { findPlacement, readTicket } from './page';

export const sdpAdapter: PortalAdapter = { id: 'sdp', detect, findPlacement, readTicket };
