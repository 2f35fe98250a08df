/**
 * Reads admin policy from storage.managed and overlays it on the user's config.
 * The first managed read after browser start can take ~3 s in Chromium (research/toolchain.md
 * §5), so the read is started once and shared; policy changes invalidate it.
 * Firefox without a policy throws ("Managed storage manifest not found"): that means no policy.
 */
import { browser } from 'wxt/browser';
import { applyPolicy, type EffectiveConfig } from '@/utils/config/policy';
import { readConfig } from '@/utils/config/storage';

let managedRead: Promise<Record<string, unknown>> | undefined;

function readManaged(): Promise<Record<string, unknown>> {
  managedRead ??= browser.storage.managed.get().then(
    (values) => values as Record<string, unknown>,
    () => ({}),
  );
  return managedRead;
}

/** The configuration in force: the user's, with policy values winning. */
export async function effectiveConfig(): Promise<EffectiveConfig> {
  const [user, managed] = await Promise.all([readConfig(), readManaged()]);
  return applyPolicy(user, managed);
}

/** Starts the (slow) first managed read early and drops the cache when policy changes. */
export function watchPolicy(): void {
  void readManaged();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') managedRead = undefined;
  });
}
