/**
 * Admin policy (storage.managed, described by public/managed_schema.json) mapped onto the
 * config. Managed values win over the user's and show as locked in options.
 */
import * as z from 'zod';
import { configSchema, connectorSchema, ruleOverridesSchema, type Config } from './schema';

/** Shape of the managed storage area; every key is optional. */
export const managedPolicySchema = z.object({
  pam360ServerUrl: z.string().optional(),
  pam360OrgName: z.string().optional(),
  connectors: z.array(connectorSchema).optional(),
  rules: ruleOverridesSchema.optional(),
});
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

export interface Locks {
  serverUrl: boolean;
  orgName: boolean;
  connectors: boolean;
  rules: boolean;
}

export const NO_LOCKS: Locks = { serverUrl: false, orgName: false, connectors: false, rules: false };

export interface EffectiveConfig {
  config: Config;
  locks: Locks;
  /** Policy keys that were present but invalid (ignored, reported in diagnostics). */
  policyProblems: string[];
}

/** Overlays a raw managed-storage object on the user's config; invalid policy keys are ignored. */
export function applyPolicy(userConfig: Config, rawPolicy: unknown): EffectiveConfig {
  const problems: string[] = [];
  const policy: ManagedPolicy = {};
  const raw = rawPolicy && typeof rawPolicy === 'object' ? (rawPolicy as Record<string, unknown>) : {};
  for (const key of Object.keys(managedPolicySchema.shape) as (keyof ManagedPolicy)[]) {
    if (raw[key] === undefined) continue;
    const field = managedPolicySchema.shape[key].safeParse(raw[key]);
    if (field.success) Object.assign(policy, { [key]: field.data });
    else problems.push(`${key}: ${field.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const merged = configSchema.safeParse({
    ...userConfig,
    pam360: {
      serverUrl: policy.pam360ServerUrl ?? userConfig.pam360.serverUrl,
      orgName: policy.pam360OrgName ?? userConfig.pam360.orgName,
    },
    connectors: policy.connectors ?? userConfig.connectors,
    rules: { ...userConfig.rules, ...policy.rules },
  });
  if (!merged.success) {
    problems.push(...merged.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    return { config: userConfig, locks: NO_LOCKS, policyProblems: problems };
  }
  return {
    config: merged.data,
    locks: {
      serverUrl: policy.pam360ServerUrl !== undefined,
      orgName: policy.pam360OrgName !== undefined,
      connectors: policy.connectors !== undefined,
      rules: policy.rules !== undefined,
    },
    policyProblems: problems,
  };
}
