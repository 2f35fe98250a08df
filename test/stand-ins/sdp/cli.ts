// Command-line entry: `tsx test/stand-ins/sdp/cli.ts [--port 8080] [--host 127.0.0.1] [--seed path] [--late-ms 0] [--strict-accept]`.
// Prints the URL and the seeded technicians with their passwords and API keys (test data, printing them is the point).
import { parseArgs } from 'node:util';
import { startSdpStandIn } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'late-ms': { type: 'string', default: '0' },
    'strict-accept': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: tsx test/stand-ins/sdp/cli.ts [--port 8080] [--host 127.0.0.1] [--seed path] [--late-ms 0] [--strict-accept]');
  process.exit(0);
}

const port = Number(values.port);
const lateMs = Number(values['late-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}
if (!Number.isInteger(lateMs) || lateMs < 0) {
  console.error(`invalid --late-ms ${values['late-ms']}`);
  process.exit(2);
}

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

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping ServiceDesk Plus stand-in`);
  sdp.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
