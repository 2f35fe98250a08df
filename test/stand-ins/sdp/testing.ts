// Helpers for the stand-in's own tests (and e2e): call the v3 API the way SDP clients do —
// API key in `authtoken`, or the login session with APICLIENT and the CSRF double-submit.
export const ACCEPT = 'application/vnd.manageengine.sdp.v3+json';
export const KEYS = {
  alice: '8F14E45F-CEEA-467A-9575-DB3FC2A8B1D2',
  bob: 'C9F0F895-FB98-4AB6-8E6B-7D4E3A2C1B05',
  erin: '45C48CCE-2E2D-4FBD-A3D1-9F8E7C6B5A43',
} as const;

export interface SessionCookies {
  /** Ready for a Cookie header. */
  cookie: string;
  csrf: string;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  key?: string;
  session?: SessionCookies;
  /** Send APICLIENT: sdp_web (default true with a session). */
  apiClient?: boolean;
  /** Send sdpcsrfparam (default: the session's value on non-GET; '' = leave it out). */
  csrf?: string;
  input?: unknown;
  /** Raw input_data text (overrides input). */
  rawInput?: string;
  accept?: string;
  headers?: Record<string, string>;
}

export async function call(base: string, path: string, o: CallOptions = {}): Promise<Response> {
  const method = o.method ?? 'GET';
  const url = new URL(path, base);
  const headers: Record<string, string> = { Accept: o.accept ?? ACCEPT, ...o.headers };
  if (o.key !== undefined) headers['authtoken'] = o.key;
  if (o.session) {
    headers['Cookie'] = o.session.cookie;
    if (o.apiClient ?? true) headers['APICLIENT'] = 'sdp_web';
  }
  const input = o.rawInput ?? (o.input === undefined ? undefined : JSON.stringify(o.input));
  const form = new URLSearchParams();
  const csrf = o.csrf ?? (o.session && method !== 'GET' ? o.session.csrf : '');
  if (method === 'GET') {
    if (input !== undefined) url.searchParams.set('input_data', input);
  } else {
    if (input !== undefined) form.set('input_data', input);
    if (csrf) form.set('sdpcsrfparam', csrf);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return fetch(url, { method, headers, redirect: 'manual', ...(method === 'GET' ? {} : { body: form.toString() }) });
}

/** Status + parsed JSON body. */
export async function json(base: string, path: string, o: CallOptions = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await call(base, path, o);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Signs in through the login form; returns the cookies (throws when no session was made). */
export async function login(base: string, username: string, password: string, path = '/j_security_check'): Promise<SessionCookies> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ j_username: username, j_password: password }).toString(),
    redirect: 'manual',
  });
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair = ''] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  const sid = jar.get('JSESSIONID');
  const csrf = jar.get('sdpcsrfcookie');
  if (!sid || !csrf) throw new Error(`login as ${username} failed (HTTP ${res.status})`);
  return { cookie: `JSESSIONID=${sid}; sdpcsrfcookie=${csrf}`, csrf };
}
