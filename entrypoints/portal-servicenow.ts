/**
 * ServiceNow page script. Registered at runtime for configured ServiceNow connectors, in all
 * frames: the classic form lives in iframe#gsft_main (UI16 and the Next Experience wrapper);
 * workspaces render in the top frame inside nested shadow roots.
 */
import { toolbarView } from '@/components/toolbar/toolbar';
import { servicenowAdapter } from '@/utils/adapters/servicenow';
import { startInstance } from '@/utils/content/lifecycle';
import { runAdapter } from '@/utils/content/run-adapter';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

export default defineUnlistedScript(() => {
  runAdapter(servicenowAdapter, toolbarView, startInstance('servicenow'));
});
