// Starting and stopping a stand-in's server on a host and port (0 = a free one), and the origin
// tests should call, with an IPv6 host in brackets.
import type { Server } from 'node:http';

export async function listen(server: Server, host: string, port = 0, scheme: 'http' | 'https' = 'http'): Promise<{ port: number; origin: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  return { port: bound, origin: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${bound}` };
}

/** Stops at once: open keep-alive connections (browsers, fetch) are closed, not waited for. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
