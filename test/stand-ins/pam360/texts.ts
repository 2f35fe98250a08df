// Every message the stand-in returns, in one place, so tests (and the client's error mapping) can
// import the exact strings. "confirmed" = quoted from research §3; everything else is [I]nferred
// wording, marked so nobody mistakes it for PAM360's real text.

// confirmed (research §3)
export const BAD_TOKEN = 'API key received is not associated to any user. Authentication failed.';
export const HOST_NOT_ALLOWED = 'User is not allowed to access from this host';
export const TICKETING_DOWN =
  'Password Not Accessible. Contact your administrator to check the Ticketing system configurations & try again later.';
export const LOGIN_DISABLED = 'Login disabled. Contact your administrator.'; // session API text, reused for locked REST users [I]
export const REGENERATED = 'Authtoken regenerated successfully.';
export const NO_SUCH_ACCOUNT = 'No such account found'; // research: the message *contains* this

// inferred [I]
export const unknownOrg = (org: string) => `Invalid organization name '${org}'. Provide a valid orgName.`;
export const notInOrg = (org: string) => `User is not associated with the organization '${org}'.`;
export const BAD_INPUT_DATA = 'Invalid INPUT_DATA. The input is not a valid JSON.';
export const NOT_AUTHORIZED = 'You are not authorized to perform this operation.';
export const resourceNotFound = (name: string) => `Resource '${name}' does not exist or is not shared with you.`;
export const accountNotFound = (name: string) => `Account '${name}' does not exist or is not shared with you.`;
export const RESOURCE_ID_NOT_FOUND = 'Resource does not exist or is not shared with you.';
export const RETRIEVAL_DENIED = 'You are not authorized to retrieve the password of this account.';
export const REASON_REQUIRED = 'Reason is mandatory for this operation. Provide a reason.';
export const TICKET_REQUIRED = 'Ticket ID is mandatory for this operation. Provide a valid ticket ID.';
export const ticketInvalid = (id: string) => `Invalid ticket ID '${id}'. No such ticket exists in the ticketing system.`;
export const ticketClosed = (id: string) => `The ticket '${id}' is closed. Provide the ID of an open ticket.`;
export const ticketNotYours = (id: string) => `The ticket '${id}' was not requested by you. Provide a ticket raised by you.`;
export const requestNotRaised = (why: string) => `Ticket ID validation failed, password request can't be raised. ${why}`;
export const UNDER_ACCESS_CONTROL = 'The password is under access control. Request the password and check it out first.';
export const NOT_ACCESS_CONTROLLED = 'Access control is not enabled for this account.';
export const NEW_PASSWORD_REQUIRED = 'NEWPASSWORD is mandatory to change the password.';
export const userNotFound = (name: string) => `User '${name}' does not exist.`;
export const userExists = (name: string) => `User '${name}' already exists.`;

// success messages: confirmed where research quotes them, otherwise [I]
export const OK = {
  resources: 'Resources fetched successfully',
  accountList: 'Resource details with account list fetched successfully',
  accountDetails: 'Account details fetched successfully',
  password: 'Password fetched successfully',
  ids: 'Resource ID and account ID fetched successfully', // [I]
  resourceId: 'Resource ID fetched successfully', // [I]
  resourceTypes: 'Resource types fetched successfully', // [I]
  passwordChanged: 'Password changed successfully', // [I]
  requestRaised: 'Password request raised successfully', // [I]
  requests: 'Password requests fetched successfully', // [I]
  ticketValid: 'Ticket ID validated successfully', // [I]
  ticketNotNeeded: 'Ticket ID validation is not required for this account', // [I]
  userId: 'User ID fetched successfully', // [I]
  userAdded: 'User added successfully', // [I]
  userLocked: 'User locked successfully', // [I]
  userUnlocked: 'User unlocked successfully', // [I]
  userDeleted: 'User deleted successfully', // [I]
  audit: 'Audit fetched successfully', // [I]
} as const;
