import { takeLaunch } from '../launcher';
import type { Handlers } from '../router';
import { findSessions, openSession, validateTicket } from '../tickets/handlers';
import { clearPamToken } from './clear-pam-token';
import { exportConfig, importConfig } from './config-file';
import { removeConnector, saveConnector, testConnector } from './connectors';
import { getStatus } from './get-status';
import { getTabStatus } from './get-tab-status';
import { savePamSettings } from './save-pam-settings';
import { testPamConnection } from './test-pam-connection';

/** One entry per named operation; the router refuses anything else. */
export const handlers: Handlers = {
  getStatus,
  testPamConnection,
  savePamSettings,
  clearPamToken,
  exportConfig,
  importConfig,
  saveConnector,
  removeConnector,
  testConnector,
  validateTicket,
  findSessions,
  openSession,
  getTabStatus,
  takeLaunch,
};
