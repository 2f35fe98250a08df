/**
 * Typed caller for the background's named operations. Tiny on purpose (content scripts
 * import it): no validation here; the background validates every request.
 */
import { browser } from 'wxt/browser';
import type { OperationError, OperationName, Reply, RequestMessage, RequestOf, ResponseOf } from './protocol';

export class OperationFailed extends Error {
  constructor(readonly error: OperationError) {
    super(error.message);
    this.name = 'OperationFailed';
  }
}

/** Sends one named operation and returns its data, or throws OperationFailed. */
export async function call<N extends OperationName>(op: N, input: RequestOf<N>): Promise<ResponseOf<N>> {
  const message: RequestMessage<N> = { pamBridge: 1, op, input };
  let reply: Reply<ResponseOf<N>> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(message)) as Reply<ResponseOf<N>> | undefined;
  } catch (error) {
    throw new OperationFailed({
      kind: 'internal',
      message: 'PAM Bridge’s background did not answer.',
      next: 'Reload this page; if that does not help, reload the extension.',
      detail: String(error),
    });
  }
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new OperationFailed({ kind: 'internal', message: 'PAM Bridge’s background gave no answer.' });
  }
  if (!reply.ok) throw new OperationFailed(reply.error);
  return reply.data;
}
