/**
 * The launch page: an extension page that submits PAM360's launch form (a top-level POST from
 * our own page, not from the portal's origin; see entrypoints/background/launcher.ts). It asks
 * the background once for the form behind the one-time nonce in its URL.
 */
import { call, OperationFailed } from '@/utils/messaging/client';

const status = document.getElementById('status')!;
const nonce = location.hash.slice(1);

call('takeLaunch', { nonce }).then(
  (launch) => {
    status.textContent = `Opening ${launch.label}…`;
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = launch.action;
    for (const [name, value] of Object.entries(launch.fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  },
  (error: unknown) => {
    status.className = 'error';
    status.textContent =
      error instanceof OperationFailed ? `${error.error.message} ${error.error.next ?? ''}` : 'The session could not be opened.';
  },
);
