import { describe, expect, it } from 'vitest';
import accountList from './fixtures/resource-accountlist.json';
import { createPam360Client } from './client';
import { fakePam, reply, SERVER, TOKEN, type SeenRequest } from './fake-fetch.test-helper';
import { MAX_DETAIL_LOOKUPS } from './find-machine';
import { isIpAddress, shortHostName, valueMatchesMachine } from './machine-match';

type Row = { id: string; name: string; dns: string; description?: string };

/** A tiny PAM360 with a "contains" search like the real one; list rows carry no DNS NAME. */
function pam(rows: Row[], options: { hidden?: string[] } = {}) {
  const respond = (request: SeenRequest) => {
    if (request.path === 'resources') {
      const d = request.details as Record<string, string>;
      const needle = d.SEARCHVALUE!.toLowerCase();
      const fields = (row: Row) =>
        d.SEARCHCOLUMN === 'RESOURCENAME' ? [row.name] : d.SEARCHCOLUMN === 'IPADDRESS' ? [row.dns] : [row.name, row.dns, row.description ?? ''];
      const hits = rows.filter((row) => fields(row).some((f) => f.toLowerCase().includes(needle)));
      const start = Number(d.STARTINDEX);
      const page = hits.slice(start, start + Number(d.LIMIT));
      const operation: Record<string, unknown> = { name: 'GET RESOURCES', result: { status: 'Success' }, totalRows: hits.length };
      if (page.length) {
        operation.Details = page.map((r) => ({ 'RESOURCE ID': r.id, 'RESOURCE NAME': r.name, 'RESOURCE TYPE': 'Windows', 'RESOURCE DESCRIPTION': r.description ?? '', NOOFACCOUNTS: '1' }));
      }
      return reply({ operation });
    }
    const match = /^resources\/(\w+)\/accounts$/.exec(request.path);
    const row = rows.find((r) => r.id === match?.[1]);
    if (!row || options.hidden?.includes(row.id)) {
      return reply({ operation: { result: { status: 'Failed', message: 'Resource does not exist or is not shared with you.' } } });
    }
    const details = { ...accountList.operation.Details, 'RESOURCE ID': row.id, 'RESOURCE NAME': row.name, 'DNS NAME': row.dns };
    return reply({ operation: { ...accountList.operation, Details: details } });
  };
  const fake = fakePam(respond);
  const client = createPam360Client({ serverUrl: SERVER, getToken: async () => TOKEN, fetch: fake.fetch });
  const searches = () =>
    fake.calls.filter((c) => c.path === 'resources').map((c) => {
      const d = c.details as Record<string, string>;
      return `${d.SEARCHCOLUMN}:${d.SEARCHVALUE}@${d.STARTINDEX}`;
    });
  const lookups = () => fake.calls.filter((c) => c.path !== 'resources').map((c) => c.path);
  return { client, searches, lookups };
}

const ROWS: Row[] = [
  { id: '301', name: 'srv-01', dns: 'srv-01.corp.example' },
  { id: '302', name: 'srv-010', dns: 'srv-010.corp.example' },
  { id: '303', name: 'db-old', dns: '10.0.0.3', description: 'replaced by srv-01' },
  { id: '304', name: 'Print server', dns: 'SRV-01.corp.example' },
  { id: '305', name: 'srv-01.other.example', dns: '10.0.0.5' },
  { id: '306', name: 'legacy', dns: '10.0.0.33' },
];

describe('machine-match', () => {
  it.each([
    ['srv-01', 'SRV-01', true],
    ['srv-01.corp.example', 'srv-01', true],
    ['srv-01', 'srv-01.corp.example', true],
    ['srv-01.corp.example', 'SRV-01.CORP.EXAMPLE', true],
    ['srv-01.a.example', 'srv-01.b.example', false],
    ['srv-010', 'srv-01', false],
    ['10.0.0.3', '10.0.0.3', true],
    ['10.0.0.33', '10.0.0.3', false],
    ['10.0.0.3', '10', false],
    ['10', '10.0.0.3', false],
    ['', 'srv-01', false],
  ])('%j vs %j → %s', (value, machine, expected) => {
    expect(valueMatchesMachine(value, machine)).toBe(expected);
  });

  it('recognises IPs and shortens only host names', () => {
    expect([isIpAddress('10.1.2.3'), isIpAddress('fe80::1'), isIpAddress('srv-01')]).toEqual([true, true, false]);
    expect([shortHostName('a.b.c'), shortHostName('10.1.2.3')]).toEqual(['a', '10.1.2.3']);
  });
});

describe('findResourcesForMachine', () => {
  it('short name: exact name, DNS short name and FQDN resource name; no partial matches', async () => {
    const { client, searches, lookups } = pam(ROWS);
    const found = await client.findResourcesForMachine('srv-01');
    expect(found.map((r) => [r.id, r.dnsName])).toEqual([
      ['301', undefined],
      ['305', undefined],
      ['304', 'SRV-01.corp.example'],
    ]);
    expect(searches()).toEqual(['RESOURCENAME:srv-01@0', 'IPADDRESS:srv-01@0', 'ALL:srv-01@0']);
    // 302 (srv-010) and 303 (description mentions srv-01) needed a DNS check; 301/305 did not.
    expect(lookups().sort()).toEqual(['resources/302/accounts', 'resources/303/accounts', 'resources/304/accounts']);
  });

  it('FQDN: searches the short name too; a different FQDN with the same first label is not a match', async () => {
    const { client, searches } = pam(ROWS);
    const found = await client.findResourcesForMachine('SRV-01.corp.example');
    expect(found.map((r) => r.id)).toEqual(['301', '304']);
    expect(searches()).toEqual([
      'RESOURCENAME:SRV-01.corp.example@0',
      'RESOURCENAME:SRV-01@0',
      'IPADDRESS:SRV-01.corp.example@0',
      'ALL:SRV-01.corp.example@0',
    ]);
  });

  it('IP: exact IP only (10.0.0.33 is not 10.0.0.3); no ALL search', async () => {
    const { client, searches } = pam(ROWS);
    const found = await client.findResourcesForMachine(' 10.0.0.3 ');
    expect(found.map((r) => [r.id, r.dnsName])).toEqual([['303', '10.0.0.3']]);
    expect(searches()).toEqual(['RESOURCENAME:10.0.0.3@0', 'IPADDRESS:10.0.0.3@0']);
  });

  it('pages with 0-based STARTINDEX in steps of 50 until the exact match is found', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ id: `${1000 + i}`, name: `web-1${String(i).padStart(3, '0')}`, dns: '' }));
    rows.push({ id: '9999', name: 'web-1', dns: '' });
    const { client, searches } = pam(rows);
    const found = await client.findResourcesForMachine('web-1');
    expect(found.map((r) => r.id)).toEqual(['9999']);
    expect(searches().filter((s) => s.startsWith('RESOURCENAME'))).toEqual(['RESOURCENAME:web-1@0', 'RESOURCENAME:web-1@50', 'RESOURCENAME:web-1@100']);
  });

  it('stops after 4 pages per search (bounded)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `${1000 + i}`, name: `app-${i}x`, dns: '' }));
    rows.push({ id: '9999', name: 'app-', dns: '' }); // only reachable on page 7
    const { client, searches } = pam(rows);
    expect(await client.findResourcesForMachine('app-')).toEqual([]);
    expect(searches().filter((s) => s.startsWith('RESOURCENAME'))).toHaveLength(4);
  });

  it(`checks at most ${MAX_DETAIL_LOOKUPS} DNS names and skips resources it may not read`, async () => {
    const rows = Array.from({ length: 15 }, (_, i) => ({ id: `${100 + i}`, name: `host-${i}`, dns: `db-${i}.corp` }));
    rows[0] = { id: '100', name: 'host-0', dns: 'db.corp' };
    rows[1] = { id: '101', name: 'host-1', dns: 'db.corp' };
    const { client, lookups } = pam(rows, { hidden: ['100'] });
    const found = await client.findResourcesForMachine('db');
    expect(found.map((r) => r.id)).toEqual(['101']);
    expect(lookups()).toHaveLength(MAX_DETAIL_LOOKUPS);
  });

  it('returns each resource once even when several searches find it', async () => {
    const { client } = pam([{ id: '1', name: 'srv-9', dns: 'srv-9' }]);
    expect((await client.findResourcesForMachine('srv-9')).map((r) => r.id)).toEqual(['1']);
  });

  it('an empty name makes no request', async () => {
    const { client, searches } = pam(ROWS);
    expect(await client.findResourcesForMachine('  ')).toEqual([]);
    expect(searches()).toEqual([]);
  });
});

describe('findResourcesForMachine against servers that page differently', () => {
  /** Every search answers `rows` whatever STARTINDEX/LIMIT say; DNS lookups are refused. */
  function stubborn(rows: Array<Record<string, string>>, totalRows: number) {
    const fake = fakePam((request) =>
      request.path === 'resources'
        ? reply({ operation: { result: { status: 'Success' }, totalRows, Details: rows } })
        : reply({ operation: { result: { status: 'Failed', message: 'Resource does not exist or is not shared with you.' } } }),
    );
    const client = createPam360Client({ serverUrl: SERVER, getToken: async () => TOKEN, fetch: fake.fetch });
    const nameSearches = () =>
      fake.calls.filter((c) => c.path === 'resources' && (c.details as Record<string, string>).SEARCHCOLUMN === 'RESOURCENAME').map((c) => (c.details as Record<string, string>).STARTINDEX);
    return { client, nameSearches };
  }

  it('stops when a page brings no new resources (STARTINDEX ignored, LIMIT honoured)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ 'RESOURCE ID': `${1000 + i}`, 'RESOURCE NAME': `web-${i}x` }));
    const { client, nameSearches } = stubborn(rows, 500);
    expect(await client.findResourcesForMachine('web-')).toEqual([]);
    expect(nameSearches()).toEqual(['0', '50']);
  });

  it('one request when the server ignores LIMIT and sends everything', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ 'RESOURCE ID': `${1000 + i}`, 'RESOURCE NAME': i === 119 ? 'web-1' : `web-1${i}` }));
    const { client, nameSearches } = stubborn(rows, 120);
    expect((await client.findResourcesForMachine('web-1')).map((r) => r.id)).toEqual(['1119']);
    expect(nameSearches()).toEqual(['0']);
  });
});

describe('findResourcesForMachine when a search column is refused', () => {
  function refusing(column: string, message = 'Invalid SEARCHCOLUMN value.') {
    const fake = fakePam((request) => {
      const d = request.details as Record<string, string> | undefined;
      if (request.path !== 'resources') {
        return reply({ operation: { result: { status: 'Failed', message: 'Resource does not exist or is not shared with you.' } } });
      }
      if (d?.SEARCHCOLUMN === column) return reply({ operation: { result: { status: 'Failed', message } } });
      const Details = d?.SEARCHCOLUMN === 'RESOURCENAME' ? [{ 'RESOURCE ID': '301', 'RESOURCE NAME': 'srv-01' }] : undefined;
      return reply({ operation: { result: { status: 'Success' }, totalRows: Details ? 1 : 0, ...(Details ? { Details } : {}) } });
    });
    return createPam360Client({ serverUrl: SERVER, getToken: async () => TOKEN, fetch: fake.fetch });
  }

  it.each(['IPADDRESS', 'ALL'])('a Failed %s search is skipped; name matches still count', async (column) => {
    expect((await refusing(column).findResourcesForMachine('srv-01')).map((r) => r.id)).toEqual(['301']);
  });

  it('a Failed name search is not skipped', async () => {
    await expect(refusing('RESOURCENAME').findResourcesForMachine('srv-01')).rejects.toMatchObject({ kind: 'failed' });
  });

  it('authentication failures are never skipped', async () => {
    const message = 'API key received is not associated to any user. Authentication failed.';
    await expect(refusing('IPADDRESS', message).findResourcesForMachine('srv-01')).rejects.toMatchObject({ kind: 'bad-token' });
  });
});
