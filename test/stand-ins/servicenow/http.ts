// The Table API's error envelope (generic HTTP helpers: ../shared):
// `{"error":{"message","detail"},"status":"failure"}` with the texts research and public
// clients show (research §2.5; fixtures README of the product client).
import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-reply';

export interface SnError {
  message: string;
  detail: string | null;
}

/** Error texts; statuses in `sendError` calls. [C/P] where public clients quote them, else [I]. */
export const ERR = {
  // [C/D] 401 for missing/wrong credentials and for a session call without X-UserToken (KB0565021).
  notAuthenticated: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
  // [P] 404, also when a row ACL hides the record.
  noRecord: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" },
  // [P] 403 when the record is readable but not writable.
  aclUpdate: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
  invalidTable: (table: string): SnError => ({ message: `Invalid table ${table}`, detail: null }),
  // [P] unknown /api/ paths.
  noResource: { message: 'Requested URI does not represent any resource', detail: null },
  badJson: { message: 'Exception while reading request', detail: 'The payload is not valid JSON.' },
  methodNotSupported: (method: string): SnError => ({ message: 'Method not Supported', detail: `${method} is not supported by this stand-in` }),
} satisfies Record<string, SnError | ((x: string) => SnError)>;

/** The Table API failure envelope. */
export function sendError(res: ServerResponse, status: number, error: SnError): void {
  sendJson(res, status, { error, status: 'failure' });
}
