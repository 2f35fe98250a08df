/**
 * The ticket operations end to end inside the background: real SDP and PAM360 stand-ins over
 * HTTP, an API-key connector, and a content-script sender. Browser APIs fake-browser lacks
 * (permissions, cookies, tabs.create) are faked; nothing else is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startPam360StandIn, type Pam360StandIn } from '@/test/stand-ins/pam360/server';
import { startSdpStandIn, type SdpStandIn } from '@/test/stand-ins/sdp/server';
import { fakePermissions, fakeScripting } from '../fake-extension-apis.test-helper';
import { saveConnector } from '../handlers/connectors';
import { savePamSettings } from '../handlers/save-pam-settings';
import { takeLaunch } from '../launcher';
import type { SenderKind } from '../sender';
import { tabVerdict } from '../tab-verdicts';
import { findSessions, openSession, startVerdictInvalidation, validateTicket } from './handlers';

const ALICE_PAM = '9A3E7C21-4B6D-4E8F-A1C3-5D7F9B2E4A60';
const ALICE_SDP = '8F14E45F-CEEA-467A-9575-DB3FC2A8B1D2';
let pam: Pam360StandIn;
let sdp: SdpStandIn;
let sender: SenderKind;
let cookie: string | null;
let opened: string[];

beforeAll(async () => {
  pam = await startPam360StandIn({ port: 0 });
  sdp = await startSdpStandIn({ port: 0, host: '127.0.0.2' });
});
afterAll(async () => {
  await Promise.all([pam.close(), sdp.close()]);
});

beforeEach(async () => {
  pam.reset();
  sdp.reset();
  for (const id of ['1001', '2001']) pam.setTicket(id, { state: 'open', requester: 'alice' });
  fakePermissions(['http://127.0.0.1/*', 'http://127.0.0.2/*']);
  fakeScripting();
  cookie = 'csrf-token-of-the-console';
  opened = [];
  vi.spyOn(fakeBrowser.cookies, 'get').mockImplementation((async () => (cookie ? { value: cookie } : null)) as never);
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation((async ({ url }: { url: string }) => {
    opened.push(url);
    return { id: 99, index: 1 };
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation((async () => ({ id: 5, index: 0 })) as never);
  await savePamSettings({ serverUrl: pam.url, orgName: '', token: ALICE_PAM });
  await saveConnector({ connector: { kind: 'sdp', name: 'Corp SDP', baseUrl: sdp.url, auth: { type: 'api-key' }, writeNote: true }, secret: ALICE_SDP });
  sender = { kind: 'content-script', tabId: 5, frameId: 0, origin: sdp.url };
});

const change = (id: string) => ({ kind: 'change' as const, id });
const request = (id: string) => ({ kind: 'request' as const, id });
const ticketFetches = (path: string) => sdp.state.apiCalls.filter((c) => c.path === path).length;

describe('validateTicket', () => {
  it('valid change: every required check passes', async () => {
    const { verdict, ticket } = await validateTicket({ ref: change('2001') }, sender);
    expect(ticket).toMatchObject({ kind: 'change', id: '2001', displayId: 'CH-1' });
    expect(verdict.headline).toBe('Valid for PAM');
    expect(verdict.checks.filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('answers repeats from the cache and asks the portal once for concurrent presses', async () => {
    await Promise.all([validateTicket({ ref: request('1001') }, sender), validateTicket({ ref: request('1001') }, sender)]);
    await validateTicket({ ref: request('1001') }, sender);
    expect(ticketFetches('/api/v3/requests/1001')).toBe(1);
    await validateTicket({ ref: request('1001'), fresh: true }, sender);
    expect(ticketFetches('/api/v3/requests/1001')).toBe(2);
  });

  it('a settings change (here a connector rule) is never answered from the cache', async () => {
    startVerdictInvalidation();
    await validateTicket({ ref: request('1001'), fresh: true }, sender);
    expect(ticketFetches('/api/v3/requests/1001')).toBe(1);
    await saveConnector({
      connector: { id: 'corp-sdp', kind: 'sdp', name: 'Corp SDP', baseUrl: sdp.url, auth: { type: 'api-key' }, writeNote: true, rules: { assignedToMe: 'warn' } },
    });
    await validateTicket({ ref: request('1001') }, sender);
    expect(ticketFetches('/api/v3/requests/1001')).toBe(2);
  });

  it('names what fails: closed request, unknown ticket', async () => {
    const closed = await validateTicket({ ref: request('1002') }, sender);
    expect(closed.verdict.headline).toBe('Not valid for PAM');
    expect(closed.verdict.checks.find((c) => c.id === 'open')).toMatchObject({ status: 'fail', reason: 'Status is Closed' });
    const missing = await validateTicket({ ref: request('9999') }, sender);
    expect(missing.ticket).toBeNull();
    expect(missing.verdict.checks[0]).toMatchObject({ id: 'exists', status: 'fail', reason: 'ServiceDesk Plus has no request 9999' });
  });

  it('shows PAM360’s own ticket verdict for an account that needs a ticket', async () => {
    // svc_deploy on srv-web-01 needs a ticket; PAM360 does not know ticket 1003.
    const result = await openSession({ ref: request('1003'), resourceId: '301', accountId: '3012', protocol: 'rdp' }, sender);
    expect(result.status).toBe('refused');
    const line = result.status === 'refused' ? result.checks?.find((c) => c.id === 'pam360-ticket-check') : undefined;
    expect(line).toMatchObject({ status: 'fail' });
    expect(line?.reason).toMatch(/^PAM360: /);
  });

  it('remembers the verdict for the tab that asked (popup "This tab"), a summary only', async () => {
    await validateTicket({ ref: request('1002') }, sender);
    expect(await tabVerdict(5)).toMatchObject({
      connectorId: 'corp-sdp',
      ticket: { kind: 'request', id: '1002' },
      ok: false,
      headline: 'Not valid for PAM',
      failed: expect.arrayContaining([{ label: 'Ticket is open', reason: 'Status is Closed' }]),
    });
    const valid = await validateTicket({ ref: change('2001') }, sender);
    expect(await tabVerdict(5)).toMatchObject({ ticket: { kind: 'change', id: '2001', displayId: 'CH-1' }, ok: true, failed: [], checkedAt: valid.checkedAt });
    expect(JSON.stringify(await tabVerdict(5))).not.toContain(valid.ticket!.title);
    expect(await tabVerdict(6)).toBeNull();
  });

  it('refuses pages that are not a configured portal', async () => {
    await expect(validateTicket({ ref: request('1001') }, { ...sender, origin: 'https://evil.example' } as SenderKind)).rejects.toMatchObject({
      error: { kind: 'forbidden', message: 'This page is not a configured portal.' },
    });
  });
});

describe('findSessions', () => {
  it('matches each machine on the ticket to its PAM360 resource and accounts', async () => {
    const options = await findSessions({ ref: change('2001') }, sender);
    expect(options.machines.map((m) => [m.name, m.resources.map((r) => r.name)])).toEqual([
      ['srv-web-01', ['srv-web-01']],
      ['dc01', ['dc01']],
    ]);
    const accounts = options.machines[0]!.resources[0]!.accounts;
    expect(accounts.map((a) => [a.name, a.access, a.protocols.map((p) => p.id)])).toEqual([
      ['Administrator', 'ready', ['rdp', 'rdp-console']],
      ['svc_deploy', 'ready', ['rdp']],
    ]);
    expect(options.machines[1]!.resources[0]!.accounts[0]).toMatchObject({ name: 'CORP\\da-admin', access: 'request' });
  });
});

describe('openSession', () => {
  it('opens the launch page with a one-time form, and notes the ticket', async () => {
    const result = await openSession({ ref: change('2001'), resourceId: '301', accountId: '3011', protocol: 'rdp' }, sender);
    expect(result).toMatchObject({ status: 'opened' });
    expect(result.message).toContain('A private note was added to the ticket.');
    expect(opened).toHaveLength(1);
    const nonce = new URL(opened[0]!).hash.slice(1);
    const form = await takeLaunch({ nonce });
    expect(form).toEqual({
      action: `${pam.url}/rdp.ma?PROTOCOL=RDP&resourceId=301&accountId=3011`,
      fields: { pmpcp: 'csrf-token-of-the-console' },
      label: 'Windows Remote Desktop to srv-web-01 as Administrator',
    });
    await expect(takeLaunch({ nonce })).rejects.toMatchObject({ error: { message: 'This session link has expired or was already used.' } });
    expect(sdp.state.notes.at(-1)).toMatchObject({ kind: 'change', id: '2001' });
  });

  it('opens the PAM360 console when the technician is not signed in there', async () => {
    cookie = null;
    const result = await openSession({ ref: change('2001'), resourceId: '301', accountId: '3011', protocol: 'rdp' }, sender);
    expect(result.status).toBe('sign-in-needed');
    expect(opened).toEqual([`${pam.url}/`]);
  });

  it('raises an access request, then launches once PAM360 approved it', async () => {
    const choice = { ref: change('2001'), resourceId: '302', accountId: '3021', protocol: 'rdp' as const };
    expect(await openSession(choice, sender)).toMatchObject({ status: 'access-requested' });
    expect(await openSession(choice, sender)).toMatchObject({ status: 'waiting-for-approval' });
    pam.approve('3021');
    expect(await openSession(choice, sender)).toMatchObject({ status: 'opened' });
  });

  it('refuses resources that are not on the ticket, invalid tickets and protocols PAM360 does not allow', async () => {
    expect(await openSession({ ref: change('2001'), resourceId: '303', accountId: '3031', protocol: 'ssh' }, sender)).toMatchObject({
      status: 'refused',
      message: 'That resource or account does not belong to a machine on this ticket.',
    });
    expect(await openSession({ ref: request('1002'), resourceId: '301', accountId: '3011', protocol: 'rdp' }, sender)).toMatchObject({
      status: 'refused',
      message: 'Not valid for PAM: fix the failed checks first.',
    });
    expect(await openSession({ ref: change('2001'), resourceId: '301', accountId: '3012', protocol: 'ssh' }, sender)).toMatchObject({
      status: 'refused',
      message: 'PAM360 does not allow ssh for svc_deploy.',
    });
    expect(opened).toEqual([]);
  });
});
