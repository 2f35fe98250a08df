/**
 * Opens a PAM360 remote session the way PAM360's own browser extension does (research
 * pam360-api.md §2.9): a form POST of `pmpcp` (= the console's `pmpcc` cookie) to the launch
 * page, in a new tab. The form is submitted by our own extension page (entrypoints/launch),
 * never by the portal page: a POST from the portal's origin is cross-site for PAM360, and the
 * browser would drop PAM360's SameSite=Lax session cookie. Kept behind this one module so
 * another launch strategy can replace it.
 */
import { browser } from 'wxt/browser';
import type { LaunchForm, OpenSessionResult } from '@/utils/messaging/protocol';
import type { LaunchProtocol } from './pam360/protocols';
import { HandlerError } from './router';

/**
 * The console's anti-CSRF cookie and the form field that echoes it. Seen in the vendor's PMP
 * extension (research §2.9, [C-code S8]); unverified on PAM360 builds, so named once here.
 */
export const CONSOLE_CSRF_COOKIE = 'pmpcc';
export const CONSOLE_CSRF_FIELD = 'pmpcp';

const PREFIX = 'launch:';
const LIFETIME_MS = 60_000;

interface PendingLaunch extends LaunchForm {
  expires: number;
}

export interface LaunchRequest {
  serverUrl: string;
  protocol: LaunchProtocol;
  resource: { id: string; name: string };
  account: { id: string; name: string };
  /** The portal tab the technician pressed the button in (the new tab opens next to it). */
  openerTabId?: number;
}

async function openTab(url: string, openerTabId?: number): Promise<void> {
  const opener = openerTabId === undefined ? undefined : await browser.tabs.get(openerTabId).catch(() => undefined);
  await browser.tabs.create({
    url,
    ...(opener?.id !== undefined ? { openerTabId: opener.id, index: opener.index + 1 } : {}),
  });
}

export async function launchSession(request: LaunchRequest): Promise<OpenSessionResult> {
  const { serverUrl, protocol, resource, account } = request;
  const cookie = await browser.cookies.get({ url: `${serverUrl}/`, name: CONSOLE_CSRF_COOKIE });
  if (!cookie?.value) {
    await openTab(`${serverUrl}/`, request.openerTabId);
    return {
      status: 'sign-in-needed',
      message: 'You are not signed in to the PAM360 web console. Sign in in the tab that just opened, then press Open session again.',
    };
  }
  const query = new URLSearchParams({ PROTOCOL: protocol.query.PROTOCOL });
  if (protocol.query.console) query.set('console', protocol.query.console);
  query.set('resourceId', resource.id);
  query.set('accountId', account.id);
  const label = `${protocol.label} to ${resource.name} as ${account.name}`;
  const nonce = randomNonce();
  const pending: PendingLaunch = {
    action: `${serverUrl}/${protocol.page}?${query}`,
    fields: { [CONSOLE_CSRF_FIELD]: cookie.value },
    label,
    expires: Date.now() + LIFETIME_MS,
  };
  // storage.session is not readable by content scripts, so the console token stays with us.
  await browser.storage.session.set({ [PREFIX + nonce]: pending });
  await openTab(`${browser.runtime.getURL("/launch.html")}#${nonce}`, request.openerTabId);
  return { status: 'opened', message: `Opening ${label} in a new tab.` };
}

/** The launch page's one-time read of its form; the entry is deleted on first use. */
export async function takeLaunch({ nonce }: { nonce: string }): Promise<LaunchForm> {
  const key = PREFIX + nonce;
  const pending = (await browser.storage.session.get(key))[key] as PendingLaunch | undefined;
  await browser.storage.session.remove(key);
  if (!pending || pending.expires < Date.now()) {
    throw new HandlerError({
      kind: 'bad-request',
      message: 'This session link has expired or was already used.',
      next: 'Go back to the ticket and press Open session again.',
    });
  }
  return { action: pending.action, fields: pending.fields, label: pending.label };
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
