/**
 * One ITSM client per connector: the transport follows the auth type (session → the portal
 * tab; api-key/basic → background fetch with the sealed secret; oauth2 → background fetch with
 * an access token from oauth.ts), the client follows the kind. Callers check nothing
 * themselves: every missing piece is an ItsmSetupError with a next step.
 */
import type { Connector, PortalKind } from '@/utils/config/schema';
import { hasHostAccess } from '../host-access';
import { readCredential } from './credentials';
import { oauthTokens } from './oauth';
import { createSdpClient } from './sdp';
import { createServiceNowClient } from './servicenow';
import { createApiTransport, createSessionTransport, findPortalTab, ItsmSetupError, type SessionTarget } from './transport';
import type { ItsmClient, ItsmClientFactory, ItsmTransport } from './types';

export { ItsmSetupError } from './transport';
export { secretName } from './credentials';

export const PORTAL_LABELS: Record<PortalKind, string> = {
  sdp: 'ServiceDesk Plus',
  servicenow: 'ServiceNow',
  jsm: 'Jira Service Management',
  topdesk: 'TOPdesk',
};

const FACTORIES: Partial<Record<PortalKind, ItsmClientFactory>> = { sdp: createSdpClient, servicenow: createServiceNowClient };

/** Auth types each kind's client supports today (the options form offers the same). */
export const SUPPORTED_AUTH: Partial<Record<PortalKind, readonly Connector['auth']['type'][]>> = {
  sdp: ['session', 'api-key'],
  servicenow: ['session', 'basic', 'oauth2', 'api-key'],
};

/**
 * The client for a connector. `context` is the tab/frame of the content script that asked (its
 * session is used in session mode); without it an open portal tab is looked for.
 */
export async function itsmClientFor(connector: Connector, context?: SessionTarget): Promise<ItsmClient> {
  const factory = FACTORIES[connector.kind];
  if (!factory) throw new ItsmSetupError('failed', `${PORTAL_LABELS[connector.kind]} connectors are not supported yet.`);
  if (!SUPPORTED_AUTH[connector.kind]?.includes(connector.auth.type)) {
    throw new ItsmSetupError('failed', `Sign-in type “${connector.auth.type}” is not supported for ${PORTAL_LABELS[connector.kind]} yet.`, 'Edit the connector and choose another authentication.');
  }
  const origin = new URL(connector.baseUrl).origin;
  if (!(await hasHostAccess(connector.baseUrl))) {
    throw new ItsmSetupError('failed', `PAM Bridge has no access to ${origin} yet.`, `Open PAM Bridge settings and press Grant access for ${connector.name}.`);
  }
  if (connector.auth.type === 'session') {
    return factory(connector, createSessionTransport(connector, context ?? (await findPortalTab(connector))));
  }
  return factory(connector, await apiTransport(connector));
}

const EDIT = 'Open PAM Bridge settings, press Edit on the connector and';

async function apiTransport(connector: Connector): Promise<ItsmTransport> {
  const { auth } = connector;
  switch (auth.type) {
    case 'api-key': {
      const saved = await readCredential(connector.id, 'api-key');
      if (!saved) throw new ItsmSetupError('bad-credentials', `No API key saved for ${connector.name}.`, `${EDIT} paste the API key.`);
      return createApiTransport(connector, saved.apiKey);
    }
    case 'basic': {
      const saved = await readCredential(connector.id, 'basic');
      if (!saved) throw new ItsmSetupError('bad-credentials', `No password saved for ${connector.name}.`, `${EDIT} enter the username and password.`);
      return createApiTransport(connector, saved.password);
    }
    case 'oauth2': {
      const saved = await readCredential(connector.id, 'oauth2');
      if (!saved || !auth.clientId) throw new ItsmSetupError('bad-credentials', `No OAuth sign-in saved for ${connector.name}.`, `${EDIT} sign in again.`);
      return createApiTransport(connector, oauthTokens(connector));
    }
    default:
      throw new ItsmSetupError('failed', `Sign-in type “${auth.type}” is not supported for ${connector.name} yet.`, 'Edit the connector and choose another authentication.');
  }
}
