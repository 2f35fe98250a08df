/**
 * Reads admin policy from storage.managed and overlays it on the user's config.
 * The browser's first managed read after start can take ~3 s in Chromium (later ones ~1 ms;
 * research/toolchain.md §5), so startup warms it up. Firefox without a policy throws
 * ("Managed storage manifest not found"): that means no policy.
 */
import { browser } from 'wxt/browser';
import { applyPolicy, type EffectiveConfig } from '@/utils/config/policy';
import { readConfig } from '@/utils/config/storage';

async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The configuration in force: the user's, with policy values winning. */
export async function effectiveConfig(): Promise<EffectiveConfig> {
  const [user, managed] = await Promise.all([readConfig(), readManaged()]);
  return applyPolicy(user, managed);
}

/** Starts the slow first managed read while nobody waits for it. */
export function warmUpPolicy(): void {
  void readManaged();
}
