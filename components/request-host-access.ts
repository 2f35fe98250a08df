import { browser } from 'wxt/browser';
import { originPattern } from '@/utils/config/url';

/**
 * Asks the browser for access to one origin. Call it first in a click handler: the request needs
 * the click's user gesture. False when the user refuses or the browser cannot ask.
 */
export async function requestHostAccess(url: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [originPattern(url)] });
  } catch {
    return false;
  }
}
