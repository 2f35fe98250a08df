// Command-line entry: `tsx test/stand-ins/servicenow/cli.ts [--port 8081] [--host 127.0.0.1] [--seed path]
// [--token-ttl 1800] [--no-rotate]`. Prints the URL, logins, the OAuth client and the API key (test
// data: printing them is the point) and a few page URLs.
import { exitUsage, parseCliArgs, stopOnSignals, wholeNumber } from '../shared/cli';
import { startServiceNowStandIn } from './server';

const USAGE = 'usage: tsx test/stand-ins/servicenow/cli.ts [--port 8081] [--host 127.0.0.1] [--seed path] [--token-ttl 1800] [--no-rotate]';
const values = parseCliArgs(USAGE, '8081', {
  'token-ttl': { type: 'string', default: '1800' },
  'no-rotate': { type: 'boolean', default: false },
});
const port = wholeNumber(values.port, 65535) ?? exitUsage(USAGE);
const ttl = wholeNumber(values['token-ttl']) ?? exitUsage(USAGE);

const sn = await startServiceNowStandIn({
  port, host: values.host, tokenTtlSeconds: ttl, rotateRefreshTokens: !values['no-rotate'],
  ...(values.seed ? { seed: values.seed } : {}),
});
const { state } = sn;
const first = (table: string) => Object.values(state.records[table] ?? {})[0]?.['sys_id'] ?? '';

console.log(`ServiceNow stand-in listening on ${sn.url}`);
console.log(`  Login:   ${sn.url}/login.do   (JSESSIONID; API calls also need X-UserToken = g_ck)`);
console.log(`  API:     ${sn.url}/api/now/table/<table>   (Basic, Bearer, x-sn-apikey, or session + X-UserToken)`);
console.log(`  OAuth:   POST ${sn.url}/oauth_token.do   (password / refresh_token grants; access tokens live ${ttl} s${values['no-rotate'] ? '' : ', refresh tokens rotate'})`);
console.log('  Users (user_name / password):');
for (const u of state.users.filter((x) => x.password)) {
  console.log(`    ${u.user_name.padEnd(14)} ${u.password!.padEnd(15)} ${u.name}${u.webServiceOnly ? ' (web services only: no login.do)' : ''}`);
}
for (const c of state.oauthClients) console.log(`  OAuth client "${c.name}": client_id ${c.client_id}  client_secret ${c.client_secret}`);
for (const k of state.apiKeys) console.log(`  API key "${k.name}" (as ${k.user}): ${k.key}`);
for (const table of ['incident', 'change_request', 'sc_req_item', 'sc_task', 'problem']) {
  console.log(`  ${table.padEnd(15)} ${Object.values(state.records[table] ?? {}).map((r) => r['number']).join(' ')}`);
}
console.log(`  Pages:   ${sn.url}/incident.do?sys_id=${first('incident')}`);
console.log(`           ${sn.url}/now/sow/record/change_request/${first('change_request')}`);
console.log('Press Ctrl+C to stop.');

stopOnSignals('ServiceNow stand-in', () => sn.close());
