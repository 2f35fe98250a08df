// Fault switches: each one, plus path/count scoping used to test client retries.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPam360StandIn, type Pam360StandIn } from './server';
import { call } from './testing';

let s: Pam360StandIn;
let TOKEN: string;
beforeAll(async () => {
  s = await startPam360StandIn();
  TOKEN = s.tokenOf('alice');
});
afterAll(() => s.close());
beforeEach(() => {
  s.reset();
  s.resetFaults();
});
const get = (path = 'resources') => call(s.url, path, { token: TOKEN });

describe('faults', () => {
  it('latencyMs delays answers', async () => {
    s.setFaults({ latencyMs: 150 });
    const t0 = performance.now();
    expect((await get()).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('status5xx answers 503 with an HTML page', async () => {
    s.setFaults({ status5xx: true });
    const res = await get();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('HTTP Status 503');
  });

  it('drop closes the socket without an answer', async () => {
    s.setFaults({ drop: true });
    await expect(get()).rejects.toThrow(TypeError);
  });

  it('malformed answers 200 with truncated JSON', async () => {
    s.setFaults({ malformed: true });
    const res = await get();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"operation":{"name":"GET RESOURCES"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('htmlLogin answers 200 with an SSO login page', async () => {
    s.setFaults({ htmlLogin: true });
    const res = await get();
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html;charset=UTF-8']);
    expect(await res.text()).toContain('<form method="post" action="/adfs/ls/">');
  });

  it('count fails only the next N calls; every attempt is recorded', async () => {
    s.setFaults({ status5xx: { count: 2 } });
    expect([(await get()).status, (await get()).status, (await get()).status]).toEqual([503, 503, 200]);
    expect(s.faults.status5xx).toBe(false);
    expect(s.state.requests).toHaveLength(3);
  });

  it('pathPrefix limits a fault to matching paths', async () => {
    s.setFaults({ status5xx: { pathPrefix: '/restapi/json/v1/accounts/' } });
    expect((await get()).status).toBe(200);
    expect((await get('accounts/3011/validateHelpDeskID')).status).toBe(503);
    s.resetFaults();
    expect((await get('accounts/3011/validateHelpDeskID')).status).toBe(200);
  });

  it('scoped latency applies to its path only', async () => {
    s.setFaults({ latencyMs: { ms: 200, pathPrefix: '/restapi/json/v1/resources/resourcetypes', count: 1 } });
    const t0 = performance.now();
    await get();
    expect(performance.now() - t0).toBeLessThan(150);
    const t1 = performance.now();
    await get('resources/resourcetypes');
    expect(performance.now() - t1).toBeGreaterThanOrEqual(190);
    expect(s.faults.latencyMs).toBe(0);
  });
});
