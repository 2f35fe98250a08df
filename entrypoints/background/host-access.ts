/** Whether the browser has granted us an origin (optional host permission); never throws. */
import { browser } from 'wxt/browser';
import { originPattern } from '@/utils/config/url';

export async function hasHostAccess(url: string): Promise<boolean> {
  if (!url) return false;
  try {
    return await browser.permissions.contains({ origins: [originPattern(url)] });
  } catch {
    return false; // not a URL we could ask about
  }
}
