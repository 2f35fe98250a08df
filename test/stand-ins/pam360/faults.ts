// Test-only fault switches: what a flaky network, a down server or an SSO proxy in front of PAM360
// looks like to the client. Each switch can be scoped to a path prefix and/or a number of hits,
// so retry logic can be tested ("fail the next 2 calls, then answer").

/** pathPrefix: full pathname prefix (default: every /restapi/ call). count: hits before it turns off. */
export interface FaultScope {
  pathPrefix?: string;
  count?: number;
}
export type FaultSwitch = boolean | FaultScope;

export interface Faults {
  /** Delay before answering, in ms (number = every API call). */
  latencyMs: number | (FaultScope & { ms: number });
  /** HTTP 503 with an HTML error page. */
  status5xx: FaultSwitch;
  /** Destroy the socket without answering. */
  drop: FaultSwitch;
  /** HTTP 200 with a truncated JSON body (the operation itself still runs). */
  malformed: FaultSwitch;
  /** HTTP 200 with an HTML login page, as a reverse proxy / SSO would answer. */
  htmlLogin: FaultSwitch;
}

export type SwitchName = Exclude<keyof Faults, 'latencyMs'>;

export function noFaults(): Faults {
  return { latencyMs: 0, status5xx: false, drop: false, malformed: false, htmlLogin: false };
}

/** Merges a partial update; scope objects are copied so their counters are ours to decrement. */
export function mergeFaults(into: Faults, partial: Partial<Faults>): void {
  for (const [key, value] of Object.entries(partial) as [keyof Faults, Faults[keyof Faults]][]) {
    if (value === undefined) continue;
    (into as unknown as Record<string, unknown>)[key] = typeof value === 'object' ? { ...value } : value;
  }
}

function applies(scope: FaultScope | true, path: string): boolean {
  if (scope !== true && scope.pathPrefix) return path.startsWith(scope.pathPrefix);
  return path.startsWith('/restapi/');
}

/** Whether the switch fires for this path; consumes one hit of a counted switch. */
export function take(faults: Faults, name: SwitchName, path: string): boolean {
  const sw = faults[name];
  if (sw === false || !applies(sw, path)) return false;
  if (sw !== true && sw.count !== undefined) {
    if (sw.count <= 0) return false;
    sw.count -= 1;
    if (sw.count === 0) faults[name] = false;
  }
  return true;
}

/** Delay to apply for this path (0 = none); consumes one hit of a counted latency. */
export function takeLatency(faults: Faults, path: string): number {
  const l = faults.latencyMs;
  if (typeof l === 'number') return l > 0 && path.startsWith('/restapi/') ? l : 0;
  if (!applies(l, path)) return 0;
  if (l.count !== undefined) {
    if (l.count <= 0) return 0;
    l.count -= 1;
    if (l.count === 0) faults.latencyMs = 0;
  }
  return l.ms;
}

export const SSO_LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>' +
  '<form method="post" action="/adfs/ls/"><label>User name <input name="UserName"></label>' +
  '<label>Password <input name="Password" type="password"></label><button>Sign in</button></form></body></html>';
