import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handlers } from './handlers';
import { describePamError, Pam360Error } from './pam360/errors';
import { effectiveConfig, warmUpPolicy } from './policy';
import { startRegistrationSync } from './registration';
import { createRouter } from './router';
import { startTabVerdictCleanup } from './tab-verdicts';
import { startVerdictInvalidation } from './tickets/handlers';

// Registers listeners only (MV3: the worker may be stopped and restarted at any time, so all
// state lives in storage, never in module globals that matter).
export default defineBackground(() => {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const router = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin,
    handlers,
    describeError: async (error) =>
      error instanceof Pam360Error ? describePamError(error, (await effectiveConfig()).config.pam360.serverUrl) : undefined,
  });
  browser.runtime.onMessage.addListener(router);
  warmUpPolicy();
  startRegistrationSync(); // content scripts = connectors with host access, kept in step
  startTabVerdictCleanup(); // the popup's per-tab verdicts go with their tab or ticket
  startVerdictInvalidation(); // a settings change never serves an old verdict
});
