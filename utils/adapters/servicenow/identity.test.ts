// @vitest-environment happy-dom
// The MAIN-world readers run from their source text: they read g_user / NOW.user and g_ck /
// sysparm_ck defensively, never throw, and work when rebuilt from toString() alone.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, openFixture } from '../../../test/fixtures/servicenow/open';
import { TOKEN, USER } from '../../../test/fixtures/servicenow/specs';
import { readServiceNowIdentity, readServiceNowSessionToken } from './identity';

const page = window as unknown as { g_user?: unknown; NOW?: unknown; g_ck?: unknown };
afterEach(async () => {
  delete page.g_user;
  delete page.NOW;
  delete page.g_ck;
  document.body.replaceChildren();
  await closeAll();
});

const DANA = { login: 'dana.tech', name: 'Dana Tech', id: USER.userID };

describe('readServiceNowIdentity', () => {
  it('reads g_user (classic)', () => {
    page.g_user = { userName: 'dana.tech', userID: USER.userID, firstName: 'Dana', lastName: 'Tech' };
    expect(readServiceNowIdentity()).toEqual(DANA);
  });

  it('falls back to NOW.user (Next Experience) and to fullName', () => {
    page.NOW = { user: { userName: ' dana.tech ', userID: USER.userID.toUpperCase(), fullName: 'Dana T.' } };
    expect(readServiceNowIdentity()).toEqual({ login: 'dana.tech', name: 'Dana T.', id: USER.userID.toUpperCase() });
  });

  it('leaves out fields that are not plain, bounded text (and ids that are not sys_ids)', () => {
    page.g_user = { userName: { toString: () => 'admin' }, userID: '42', firstName: 'x'.repeat(150), lastName: 'y'.repeat(100) };
    expect(readServiceNowIdentity()).toBeNull();
    page.g_user = { userName: 'dana.tech', userID: ['x'], firstName: 'Dana' };
    expect(readServiceNowIdentity()).toEqual({ login: 'dana.tech', name: 'Dana' });
  });

  it.each([['missing', undefined], ['null', null], ['a string', 'dana'], ['empty', {}]])('returns null when g_user is %s', (_l, value) => {
    page.g_user = value;
    expect(readServiceNowIdentity()).toBeNull();
  });

  it('survives booby-trapped globals and still reads the next source', () => {
    Object.defineProperty(window, 'g_user', { configurable: true, get: () => { throw new Error('nope'); } });
    page.NOW = { user: new Proxy({}, { get: () => { throw new Error('nope'); } }) };
    expect(readServiceNowIdentity()).toBeNull();
    page.NOW = { user: { userName: 'dana.tech' } };
    expect(readServiceNowIdentity()).toEqual({ login: 'dana.tech' });
  });
});

describe('readServiceNowSessionToken', () => {
  it('reads window.g_ck first', () => {
    page.g_ck = ` ${TOKEN} `;
    expect(readServiceNowSessionToken()).toEqual({ token: TOKEN });
  });

  it('falls back to the hidden sysparm_ck input', () => {
    document.body.innerHTML = `<input type="hidden" name="sysparm_ck" value="${TOKEN}">`;
    expect(readServiceNowSessionToken()).toEqual({ token: TOKEN });
  });

  it.each([['missing', undefined], ['too short', 'abc'], ['markup', `${TOKEN}<b>`], ['not a string', 42], ['too long', 'a'.repeat(513)]])(
    'returns null when the token is %s', (_l, value) => {
      page.g_ck = value;
      expect(readServiceNowSessionToken()).toBeNull();
    });

  it('never throws on a throwing g_ck getter', () => {
    Object.defineProperty(window, 'g_ck', { configurable: true, get: () => { throw new Error('nope'); } });
    expect(readServiceNowSessionToken()).toBeNull();
  });
});

describe('inside the stand-in pages, rebuilt from source text (what executeScript sends)', () => {
  it.each([['classic-incident.html'], ['workspace-one.html'], ['polaris-classic.html']])('%s', (file) => {
    const { window: w } = openFixture(file, { scripts: true });
    expect(w.eval(`(${readServiceNowSessionToken.toString()})()`)).toEqual({ token: TOKEN });
    expect(w.eval(`(${readServiceNowIdentity.toString()})()`)).toEqual(DANA);
  });

  it('classic form: g_form answers with the record', () => {
    const { window: w } = openFixture('classic-incident.html', { scripts: true });
    expect(w.eval('[g_form.getTableName(), g_form.getUniqueValue(), g_form.getValue("state"), g_form.getDisplayValue(), g_form.getDisplayValue("cmdb_ci").trim()]'))
      .toEqual(['incident', '46d44a5ddb8a2010a4e2f3c3ca961911', '2', 'INC0010023', 'DB-PROD-01']);
  });
});
