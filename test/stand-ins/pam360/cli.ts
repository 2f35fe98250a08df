// Command-line entry: `tsx test/stand-ins/pam360/cli.ts [--port 8282] [--host 127.0.0.1] [--https] [--seed path]`.
// Prints the URL and the seeded test users/tokens (test data, printing them is the point).
import { exitUsage, parseCliArgs, stopOnSignals, wholeNumber } from '../shared/cli';
import { startPam360StandIn } from './server';

const values = parseCliArgs('usage: tsx test/stand-ins/pam360/cli.ts [--port 8282] [--host 127.0.0.1] [--https] [--seed path]', '8282', {
  https: { type: 'boolean', default: false },
});
const port = wholeNumber(values.port, 65535) ?? exitUsage(`invalid --port ${values.port}`);

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

stopOnSignals('PAM360 stand-in', () => standIn.close());
