/**
 * ServiceDesk Plus page script. Registered at runtime only for the origins of configured SDP
 * connectors (entrypoints/background/registration.ts); never declared in the manifest. An
 * unlisted script rather than a WXT content script: it keeps WXT's runtime out of the bundle
 * (design.md: ≤ 12 KB gzip per portal).
 */
import { toolbarView } from '@/components/toolbar/toolbar';
import { sdpAdapter } from '@/utils/adapters/sdp';
import { startInstance } from '@/utils/content/lifecycle';
import { runAdapter } from '@/utils/content/run-adapter';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  runAdapter(sdpAdapter, toolbarView, startInstance('sdp'));
});
