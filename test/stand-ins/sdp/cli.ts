// Command-line entry: `tsx test/stand-ins/sdp/cli.ts [--port 8080] [--host 127.0.0.1] [--seed path] [--late-ms 0] [--strict-accept]`.
// Prints the URL and the seeded technicians with their passwords and API keys (test data, printing them is the point).
import { exitUsage, parseCliArgs, stopOnSignals, wholeNumber } from '../shared/cli';
import { startSdpStandIn } from './server';

const values = parseCliArgs('usage: tsx test/stand-ins/sdp/cli.ts [--port 8080] [--host 127.0.0.1] [--seed path] [--late-ms 0] [--strict-accept]', '8080', {
  'late-ms': { type: 'string', default: '0' },
  'strict-accept': { type: 'boolean', default: false },
});
const port = wholeNumber(values.port, 65535) ?? exitUsage(`invalid --port ${values.port}`);
const lateMs = wholeNumber(values['late-ms']) ?? exitUsage(`invalid --late-ms ${values['late-ms']}`);

const sdp = await startSdpStandIn({
  port,
  host: values.host,
  lateMs,
  strictAccept: values['strict-accept'],
  ...(values.seed ? { seed: values.seed } : {}),
});

const { state } = sdp;
console.log(`ServiceDesk Plus stand-in listening on ${sdp.url}`);
console.log(`  Login:  ${sdp.url}/   (form → JSESSIONID + sdpcsrfcookie)`);
console.log(`  API:    ${sdp.url}/api/v3/   (header authtoken, or session + APICLIENT: sdp_web)`);
console.log('  Technicians (login / password / API key):');
for (const t of state.technicians) {
  console.log(`    ${t.login.padEnd(6)} ${t.password.padEnd(11)} ${t.apiKey}   ${t.name}${t.scope === 'assigned' ? ' (sees only own tickets)' : ''}`);
}
console.log('  Requests: ' + Object.values(state.requests).map((r) => `${r.id}(${r.status.name})`).join(' '));
console.log('  Changes:  ' + Object.values(state.changes).map((c) => `${c.id}=${c.display_id}(${c.stage.name}/${c.approval_status.name})`).join(' '));
console.log(`  Pages:    ${sdp.url}/WorkOrder.do?woMode=viewWO&woID=1001   ${sdp.url}/ChangeDetails.do?CHANGEID=2001`);
console.log('Press Ctrl+C to stop.');

stopOnSignals('ServiceDesk Plus stand-in', () => sdp.close());
