import { describe, expect, it } from 'vitest';
import { applyPolicy } from './policy';
import { configSchema } from './schema';

const user = configSchema.parse({ pam360: { serverUrl: 'https://mine.example.com', orgName: 'Mine' } });

describe('applyPolicy', () => {
  it('keeps the user config and locks nothing without policy', () => {
    const result = applyPolicy(user, {});
    expect(result.config).toEqual(user);
    expect(result.locks).toEqual({ serverUrl: false, orgName: false, connectors: false, rules: false });
  });

  it('lets managed values win and marks them locked', () => {
    const result = applyPolicy(user, { pam360ServerUrl: 'https://pam360.corp.example:8282/', rules: { assignedToMe: 'required' } });
    expect(result.config.pam360).toEqual({ serverUrl: 'https://pam360.corp.example:8282', orgName: 'Mine' });
    expect(result.config.rules.assignedToMe).toBe('required');
    expect(result.config.rules.ticketOpen).toBe('required');
    expect(result.locks.serverUrl).toBe(true);
    expect(result.locks.orgName).toBe(false);
    expect(result.locks.rules).toBe(true);
  });

  it('ignores an invalid policy key and says which', () => {
    const result = applyPolicy(user, { pam360OrgName: 42, pam360ServerUrl: 'https://ok.example.com' });
    expect(result.config.pam360.orgName).toBe('Mine');
    expect(result.config.pam360.serverUrl).toBe('https://ok.example.com');
    expect(result.policyProblems).toHaveLength(1);
    expect(result.policyProblems[0]).toMatch(/^pam360OrgName:/);
  });

  it('refuses a policy server URL that is not https, keeping the user config', () => {
    const result = applyPolicy(user, { pam360ServerUrl: 'http://pam360.corp.example' });
    expect(result.config).toEqual(user);
    expect(result.locks.serverUrl).toBe(false);
    expect(result.policyProblems.join()).toContain('Use https://');
  });
});

describe('connector rule overrides', () => {
  it('keep only the rules given, so later changes of the global rules still apply', async () => {
    const { connectorSchema } = await import('./schema');
    const connector = connectorSchema.parse({
      id: 'corp-sdp',
      kind: 'sdp',
      name: 'Corp SDP',
      baseUrl: 'https://sdp.example.com',
      auth: { type: 'session' },
      rules: { assignedToMe: 'required' },
    });
    expect(connector.rules).toEqual({ assignedToMe: 'required' });
  });
});
