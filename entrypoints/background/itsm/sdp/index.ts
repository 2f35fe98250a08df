/** ServiceDesk Plus (v3 API) client for the background; see client.ts. */
export { createSdpClient, noteHtml, SDP_ACCEPT } from './client';
export { DEFAULT_CHANGE_STATES, DEFAULT_REQUEST_STATES, IMPLEMENTATION_STAGES } from './states';
