import type { Status } from '@/utils/messaging/protocol';
import { lastConnectionItem } from '../connection';
import { deleteSecret } from '../secrets';
import { getStatus } from './get-status';

/** Forgets the stored PAM360 token. */
export async function clearPamToken(): Promise<Status> {
  await deleteSecret('pam360Token');
  await lastConnectionItem.setValue(null);
  return getStatus();
}
