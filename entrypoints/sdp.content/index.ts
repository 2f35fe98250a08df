/**
 * ServiceDesk Plus content script. Registered at runtime only for the origins of configured
 * SDP connectors (entrypoints/background/registration.ts); never declared in the manifest.
 */
import { toolbarView } from '@/components/toolbar/toolbar';
import { sdpAdapter } from '@/utils/adapters/sdp';
import { runAdapter } from '@/utils/content/run-adapter';
import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    runAdapter(sdpAdapter, toolbarView, ctx.signal);
  },
});
