// Command-line entry: `tsx test/stand-ins/pam360/cli.ts [--port 8282] [--host 127.0.0.1] [--https] [--seed path]`.
// Prints the URL and the seeded test users/tokens (test data, printing them is the point).
import { parseArgs } from 'node:util';
import { startPam360StandIn } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8282' },
    host: { type: 'string', default: '127.0.0.1' },
    https: { type: 'boolean', default: false },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: tsx test/stand-ins/pam360/cli.ts [--port 8282] [--host 127.0.0.1] [--https] [--seed path]');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

const standIn = await startPam360StandIn({
  port,
  host: values.host,
  https: values.https,
  ...(values.seed ? { seed: values.seed } : {}),
});

console.log(`PAM360 stand-in listening on ${standIn.url}`);
console.log(`  API:     ${standIn.url}/restapi/json/v1/   (header AUTHTOKEN, optional orgName)`);
console.log(`  Console: ${standIn.url}/`);
console.log('  Orgs:    ' + standIn.state.orgs.map((o) => `${o.name} (${o.urlName})${o.default ? ' [default]' : ''}`).join(', '));
console.log('  Users (username / console password / AUTHTOKEN):');
for (const u of standIn.state.users) {
  const notes = [u.role, u.orgs.join('+'), u.allowedHosts ? `hosts ${u.allowedHosts.join(',')}` : '', u.locked ? 'LOCKED' : '']
    .filter(Boolean)
    .join('; ');
  console.log(`    ${u.username.padEnd(9)} ${u.password.padEnd(13)} ${u.token}   ${notes}`);
}
console.log('  Tickets: ' + standIn.state.tickets.map((t) => `${t.id}(${t.state},${t.requester})`).join(' '));
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping PAM360 stand-in`);
  standIn.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
