import { browser } from 'wxt/browser';
import type { TabStatus } from '@/utils/messaging/protocol';
import { describeTab } from '@/utils/status/tab-page';
import { hasHostAccess } from '../host-access';
import { effectiveConfig } from '../policy';
import { tabVerdict } from '../tab-verdicts';

/**
 * The popup's "This tab" (extension pages only; the router refuses content scripts): which
 * configured portal and ticket the tab shows, from its URL, and the tab's last verdict for that
 * ticket. The browser gives us a tab's URL only for origins we have host access to; a hidden URL
 * with a connector still waiting for access is reported as unreadable, so the popup can point
 * to Grant access.
 */
export async function getTabStatus(input: { tabId: number }): Promise<TabStatus> {
  // Chromium rejects an unknown id; some implementations resolve undefined.
  const tab = await browser.tabs.get(input.tabId).catch(() => undefined);
  if (!tab) return { state: 'no-tab' };
  const [{ config }, last] = await Promise.all([effectiveConfig(), tabVerdict(input.tabId)]);
  const url = tab.url || undefined;
  const withoutAccess =
    url === undefined
      ? (await Promise.all(config.connectors.map(async (c) => ((await hasHostAccess(c.baseUrl)) ? null : c)))).filter((c) => c !== null)
      : [];
  return describeTab({ url, connectors: config.connectors, withoutAccess, last });
}
