import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handlers } from './handlers';
import { describePamError } from './pam360/errors';
import { Pam360Error } from './pam360/errors';
import { watchPolicy } from './policy';
import { createRouter } from './router';

// Registers listeners only (MV3: the worker may be stopped and restarted at any time, so all
// state lives in storage, never in module globals that matter).
export default defineBackground(() => {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const router = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin,
    handlers,
    describeError: (error) => (error instanceof Pam360Error ? describePamError(error, '') : undefined),
  });
  browser.runtime.onMessage.addListener(router);
  watchPolicy();
});
