/** Page object for the options page, driven through the names users and scripts rely on. */
import type { Page } from 'playwright-core';
import { openExtensionPage, type ExtensionSession } from '../harness';

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(session: ExtensionSession): Promise<OptionsPage> {
    const page = await openExtensionPage(session, 'options.html');
    await page.getByLabel('PAM360 server URL').waitFor();
    return new OptionsPage(page);
  }

  serverUrl = () => this.page.getByLabel('PAM360 server URL');
  orgName = () => this.page.getByLabel('Organization (MSP)');
  token = () => this.page.getByLabel('Auth token');
  result = () => this.page.getByTestId('pam360-result');

  async fill(values: { serverUrl?: string; orgName?: string; token?: string }): Promise<void> {
    if (values.serverUrl !== undefined) await this.serverUrl().fill(values.serverUrl);
    if (values.orgName !== undefined) await this.orgName().fill(values.orgName);
    if (values.token !== undefined) await this.token().fill(values.token);
  }

  /** Presses Save and returns the result once it has settled (after any automatic test). */
  async save(): Promise<string> {
    return this.afterClick('Save');
  }

  async testConnection(): Promise<string> {
    return this.afterClick('Test connection');
  }

  /** Clicks a button and waits for a new, settled result (the box counts its updates in data-seq). */
  private async afterClick(name: string): Promise<string> {
    const before = Number(await this.result().getAttribute('data-seq'));
    await this.page.getByRole('button', { name, exact: true }).click();
    await this.page.waitForFunction((seq) => {
      const box = document.querySelector('[data-testid="pam360-result"]');
      return !!box && box.getAttribute('data-busy') !== 'true' && Number(box.getAttribute('data-seq')) > seq;
    }, before);
    return (await this.result().textContent()) ?? '';
  }
}

export interface ConnectorFields {
  name: string;
  url: string;
  auth?: 'My signed-in session' | 'API key';
  apiKey?: string;
  writeNote?: boolean;
  rules?: Partial<Record<string, 'Required' | 'Warn only' | 'Off'>>;
}

/** Adds a ServiceDesk Plus connector through the form, by its visible names. */
export async function addSdpConnector(options: OptionsPage, fields: ConnectorFields): Promise<string> {
  const { page } = options;
  await page.getByRole('button', { name: 'Add connector' }).click();
  await page.getByLabel('Portal type').selectOption({ label: 'ServiceDesk Plus' });
  await page.getByLabel('Name', { exact: true }).fill(fields.name);
  await page.getByLabel('Portal URL').fill(fields.url);
  await page.getByLabel('Authentication').selectOption({ label: fields.auth ?? 'My signed-in session' });
  if (fields.apiKey) await page.getByLabel('API key', { exact: true }).fill(fields.apiKey);
  return finishConnector(options, fields);
}

export interface ServiceNowConnectorFields {
  name: string;
  url: string;
  auth?: 'My signed-in session' | 'Basic' | 'OAuth 2.0' | 'API key';
  /** Basic and OAuth 2.0. */
  username?: string;
  /** Basic (stored) and OAuth 2.0 (used once to sign in, not stored). */
  password?: string;
  /** OAuth 2.0. */
  clientId?: string;
  clientSecret?: string;
  /** API key. */
  apiKey?: string;
  writeNote?: boolean;
  rules?: Partial<Record<string, 'Required' | 'Warn only' | 'Off'>>;
}

/** Adds a ServiceNow connector through the form, by its visible names; returns the result text. */
export async function addServiceNowConnector(options: OptionsPage, fields: ServiceNowConnectorFields): Promise<string> {
  const { page } = options;
  await page.getByRole('button', { name: 'Add connector' }).click();
  await page.getByLabel('Portal type').selectOption({ label: 'ServiceNow' });
  await page.getByLabel('Name', { exact: true }).fill(fields.name);
  await page.getByLabel('Portal URL').fill(fields.url);
  await page.getByLabel('Authentication').selectOption({ label: fields.auth ?? 'My signed-in session' });
  if (fields.clientId !== undefined) await page.getByLabel('Client ID', { exact: true }).fill(fields.clientId);
  if (fields.clientSecret !== undefined) await page.getByLabel('Client secret', { exact: true }).fill(fields.clientSecret);
  if (fields.username !== undefined) await page.getByLabel('Username', { exact: true }).fill(fields.username);
  if (fields.password !== undefined) await page.getByLabel('Password', { exact: true }).fill(fields.password);
  if (fields.apiKey !== undefined) await page.getByLabel('API key', { exact: true }).fill(fields.apiKey);
  return finishConnector(options, fields);
}

/** The common tail: note, rules, Save, and the settled result (or the first field error). */
async function finishConnector(options: OptionsPage, fields: Pick<ConnectorFields, 'writeNote' | 'rules'>): Promise<string> {
  const { page } = options;
  if (fields.writeNote) await page.getByLabel('Add a private note to the ticket when a session opens').check();
  for (const [label, mode] of Object.entries(fields.rules ?? {})) {
    await page.getByLabel(label, { exact: true }).selectOption({ label: mode! });
  }
  const box = page.getByTestId('connectors-result');
  const before = Number((await box.getAttribute('data-seq')) ?? 0);
  await page.getByRole('button', { name: 'Save connector' }).click();
  await page.waitForFunction(
    (seq) => Number(document.querySelector('[data-testid="connectors-result"]')?.getAttribute('data-seq')) > seq || !!document.querySelector('.field-error'),
    before,
  );
  const fieldError = page.locator('.field-error').first();
  if (await fieldError.count()) return (await fieldError.textContent()) ?? '';
  return (await box.textContent()) ?? '';
}
