/**
 * The background's message router (design.md rules 2–3): classify the sender from
 * browser-stamped fields, zod-parse the request, check the sender may call that operation,
 * then run the named handler. There is no generic "fetch this" operation and never will be.
 */
import type { Browser } from 'wxt/browser';
import { envelopeSchema, requestSchemas } from '@/utils/messaging/schemas';
import {
  CONTENT_SCRIPT_OPERATIONS,
  type OperationError,
  type OperationName,
  type Protocol,
  type Reply,
} from '@/utils/messaging/protocol';
import { classifySender, type SenderKind } from './sender';

export type Handler<N extends OperationName> = (
  input: Protocol[N][0],
  sender: SenderKind,
) => Promise<Protocol[N][1]>;

export type Handlers = { [N in OperationName]: Handler<N> };

/** Thrown by handlers for failures the user should read; anything else becomes 'internal'. */
export class HandlerError extends Error {
  constructor(readonly error: OperationError) {
    super(error.message);
  }
}

export interface RouterOptions {
  extensionId: string;
  extensionOrigin: string;
  handlers: Handlers;
  /** Turns an unknown thrown value into a reply error (PAM360 errors carry their own kinds). */
  describeError?: (error: unknown) => Promise<OperationError | undefined>;
}

/**
 * Returns the runtime.onMessage listener. Messages not meant for us (no `pamBridge` marker)
 * get no answer, so other listeners can still respond.
 */
export function createRouter(options: RouterOptions) {
  return (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
    if (!message || typeof message !== 'object' || !('pamBridge' in message)) return undefined;
    return route(options, message, sender);
  };
}

async function route(options: RouterOptions, message: unknown, rawSender: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
  const sender = classifySender(rawSender, options.extensionId, options.extensionOrigin);
  if (sender.kind === 'foreign') return fail('forbidden', 'This sender may not talk to PAM Bridge.', sender.why);

  const envelope = envelopeSchema.safeParse(message);
  if (!envelope.success) return fail('bad-request', 'Unknown or malformed request.', issues(envelope.error));
  const { op } = envelope.data;

  if (sender.kind === 'content-script' && !CONTENT_SCRIPT_OPERATIONS.includes(op)) {
    return fail('forbidden', `A page may not call ${op}.`, `from ${sender.origin}`);
  }

  const input = requestSchemas[op].safeParse(envelope.data.input);
  if (!input.success) return fail('bad-request', `Invalid input for ${op}.`, issues(input.error));

  try {
    const handler = options.handlers[op] as Handler<OperationName>;
    return { ok: true, data: await handler(input.data as never, sender) };
  } catch (error) {
    if (error instanceof HandlerError) return { ok: false, error: error.error };
    const described = await options.describeError?.(error);
    if (described) return { ok: false, error: described };
    return fail('internal', 'PAM Bridge hit an internal error.', error instanceof Error ? error.message : String(error));
  }
}

function fail(kind: OperationError['kind'], message: string, detail?: string): Reply<never> {
  return { ok: false, error: { kind, message, ...(detail ? { detail } : {}) } };
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
