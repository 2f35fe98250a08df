/**
 * The stored configuration: one versioned WXT storage item in storage.local. It holds no
 * secrets, so reading it from an extension page is harmless; writes go through the background
 * (which validates them) so policy-locked fields cannot be overwritten.
 */
import { storage } from 'wxt/utils/storage';
import { CONFIG_MIGRATIONS, CONFIG_VERSION } from './migrations';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema';

export const configItem = storage.defineItem<Config>('local:config', {
  fallback: DEFAULT_CONFIG,
  version: CONFIG_VERSION,
  migrations: CONFIG_MIGRATIONS,
});

/**
 * Reads the config, filling defaults for fields added since it was written. A stored value that
 * no longer parses (hand-edited storage) falls back to defaults instead of breaking every page.
 */
export async function readConfig(): Promise<Config> {
  const parsed = configSchema.safeParse(await configItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_CONFIG;
}
