/**
 * Export and import of the configuration as a JSON file. Secrets are not part of the config
 * schema, so they cannot leak into a file; an import is parsed whole before anything is written,
 * and a refusal names the field that is wrong. Saved secrets whose address or account the file
 * changes are forgotten (secret-binding.ts).
 */
import * as z from 'zod';
import { CONFIG_VERSION, migrate, NewerFormatError } from '@/utils/config/migrations';
import { exportFileSchema, type ExportFile } from '@/utils/config/schema';
import { configItem, readConfig } from '@/utils/config/storage';
import type { Status } from '@/utils/messaging/protocol';
import { lastConnectionItem } from '../connection';
import { HandlerError } from '../router';
import { forgetUnboundSecrets } from '../secret-binding';
import { getStatus } from './get-status';

export async function exportConfig(): Promise<ExportFile> {
  return { format: 'pam-bridge-config', version: CONFIG_VERSION, config: await readConfig() };
}

const headerSchema = z.object({ format: z.literal('pam-bridge-config'), version: z.number().int().positive() });

export async function importConfig({ text }: { text: string }): Promise<Status> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw refuse('This file is not JSON.', (error as Error).message);
  }
  const header = headerSchema.safeParse(raw);
  if (!header.success) throw refuse('This is not a PAM Bridge settings file.', 'format/version missing');
  let upgraded: unknown;
  try {
    const file = raw as { config: unknown };
    upgraded = { ...(raw as object), version: CONFIG_VERSION, config: migrate(file.config, header.data.version) };
  } catch (error) {
    if (error instanceof NewerFormatError) throw refuse(error.message);
    throw error;
  }
  const parsed = exportFileSchema.safeParse(upgraded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(file)';
    throw refuse(`Not imported: ${field} — ${issue.message}. Nothing was changed.`, field);
  }
  await forgetUnboundSecrets(await readConfig(), parsed.data.config);
  await configItem.setValue(parsed.data.config);
  await lastConnectionItem.setValue(null);
  return getStatus();
}

function refuse(message: string, detail?: string): HandlerError {
  return new HandlerError({ kind: 'bad-request', message, ...(detail ? { detail } : {}) });
}
