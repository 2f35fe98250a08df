/**
 * A connector's secrets: one sealed slot `connector:<id>` (secrets.ts) holding a small JSON,
 * zod-checked on every read. Background only; nothing here leaves the background except
 * `credentialHint()`.
 *
 * - api-key: {apiKey}
 * - basic:   {password}            (the username is non-secret config: connector.auth.username)
 * - oauth2:  {clientSecret, refreshToken, accessToken?, accessExpiresAt?}
 *            (the client id and username are config; the password is used once and never stored)
 *
 * Migration: before this format the slot held the SDP API key as a plain string. Such a value
 * (anything that is not a JSON object) reads as {apiKey: <the string>}; it is rewritten in the
 * new format the next time the connector is saved.
 */
import * as z from 'zod';
import type { Connector } from '@/utils/config/schema';
import { deleteSecret, getSecret, hintFor, setSecret } from '../secrets';

export const secretName = (connectorId: string) => `connector:${connectorId}` as const;

const text = (max: number) => z.string().min(1).max(max);

export const apiKeyCredentialSchema = z.strictObject({ apiKey: text(4096) });
export const basicCredentialSchema = z.strictObject({ password: text(1024) });
export const oauthCredentialSchema = z.strictObject({
  clientSecret: text(1024),
  refreshToken: text(8192),
  accessToken: text(8192).optional(),
  /** Epoch milliseconds. */
  accessExpiresAt: z.number().int().nonnegative().optional(),
});

export type ApiKeyCredential = z.infer<typeof apiKeyCredentialSchema>;
export type BasicCredential = z.infer<typeof basicCredentialSchema>;
export type OAuthCredential = z.infer<typeof oauthCredentialSchema>;

/** What each auth type stores (types that store nothing are absent). */
export interface CredentialByType {
  'api-key': ApiKeyCredential;
  basic: BasicCredential;
  oauth2: OAuthCredential;
}
export type StoredAuthType = keyof CredentialByType;
export type Credential = CredentialByType[StoredAuthType];

const SCHEMAS: { [T in StoredAuthType]: z.ZodType<CredentialByType[T]> } = {
  'api-key': apiKeyCredentialSchema,
  basic: basicCredentialSchema,
  oauth2: oauthCredentialSchema,
};

export function storesCredential(type: Connector['auth']['type']): type is StoredAuthType {
  return type in SCHEMAS;
}

/** Parses a slot's plain text; an old plain-string secret reads as {apiKey}. */
export function parseCredential(plain: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(plain);
  } catch {
    return { apiKey: plain };
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { apiKey: plain };
}

/**
 * The connector's saved credential for `type`, or null when none is saved or the slot holds
 * something else (e.g. a key saved for another auth type).
 */
export async function readCredential<T extends StoredAuthType>(connectorId: string, type: T): Promise<CredentialByType[T] | null> {
  const plain = await getSecret(secretName(connectorId));
  if (plain === null) return null;
  const parsed = SCHEMAS[type].safeParse(parseCredential(plain));
  return parsed.success ? parsed.data : null;
}

export async function writeCredential<T extends StoredAuthType>(connectorId: string, type: T, value: CredentialByType[T]): Promise<void> {
  await setSecret(secretName(connectorId), JSON.stringify(SCHEMAS[type].parse(value)));
}

export async function deleteCredential(connectorId: string): Promise<void> {
  await deleteSecret(secretName(connectorId));
}

/** What a status may say about a credential: never the password, at most 4 characters of a key. */
export function credentialHint(type: StoredAuthType, credential: Credential): string {
  if (type === 'api-key') return hintFor((credential as ApiKeyCredential).apiKey);
  if (type === 'oauth2') return hintFor((credential as OAuthCredential).clientSecret);
  return ''; // basic: "Password saved", nothing about the password itself
}

/** The saved-credential status of a connector for options and the popup. */
export async function credentialStatus(connector: Connector): Promise<{ saved: false } | { saved: true; hint: string }> {
  const { type } = connector.auth;
  if (!storesCredential(type)) return { saved: false };
  const credential = await readCredential(connector.id, type);
  return credential ? { saved: true, hint: credentialHint(type, credential) } : { saved: false };
}
