// @vitest-environment happy-dom
// readSdpIdentity runs in the page's MAIN world from its source text: check it reads
// window.sdp_user defensively and works when rebuilt from toString() alone.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/fixtures/sdp/specs';
import { readSdpIdentity } from './identity';

const page = window as unknown as { sdp_user?: unknown };
afterEach(() => {
  delete page.sdp_user;
});

describe('readSdpIdentity', () => {
  it('reads login, name and id from sdp_user', () => {
    page.sdp_user = { LOGGEDIN_USERID: '9', USERNAME: 'Dana Tech', LOGINNAME: 'dana.tech', DOMAINNAME: 'CORP', USERTYPE: 'Technician', ROLES: [] };
    expect(readSdpIdentity()).toEqual({ login: 'dana.tech', name: 'Dana Tech', id: '9' });
  });

  it('accepts a numeric user id and trims text', () => {
    page.sdp_user = { LOGGEDIN_USERID: 9, USERNAME: '  Dana Tech ', LOGINNAME: ' dana.tech' };
    expect(readSdpIdentity()).toEqual({ login: 'dana.tech', name: 'Dana Tech', id: '9' });
  });

  it('leaves out fields that are not plain, bounded text', () => {
    page.sdp_user = { LOGGEDIN_USERID: Number.NaN, USERNAME: 'x'.repeat(201), LOGINNAME: { toString: () => 'admin' } };
    expect(readSdpIdentity()).toBeNull();
    page.sdp_user = { LOGGEDIN_USERID: '1'.repeat(101), USERNAME: 'Dana', LOGINNAME: ['dana'] };
    expect(readSdpIdentity()).toEqual({ name: 'Dana' });
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['a string', 'dana'],
    ['empty', {}],
    ['blank fields', { USERNAME: '   ', LOGINNAME: '' }],
  ])('returns null when sdp_user is %s', (_label, value) => {
    page.sdp_user = value;
    expect(readSdpIdentity()).toBeNull();
  });

  it('returns null when the page booby-traps sdp_user', () => {
    page.sdp_user = new Proxy({}, { get: () => { throw new Error('nope'); } });
    expect(readSdpIdentity()).toBeNull();
    Object.defineProperty(window, 'sdp_user', { configurable: true, get: () => { throw new Error('nope'); } });
    expect(readSdpIdentity()).toBeNull();
  });

  it('is self-contained: works rebuilt from its source text (what executeScript sends)', () => {
    page.sdp_user = { LOGGEDIN_USERID: '9', USERNAME: 'Dana Tech', LOGINNAME: 'dana.tech' };
    const rebuilt = new Function(`return (${readSdpIdentity.toString()})();`);
    expect(rebuilt()).toEqual({ login: 'dana.tech', name: 'Dana Tech', id: '9' });
  });

  it('reads the globals a stand-in SDP page defines, inside that page', async () => {
    const html = readFixture('request-current.html');
    const sdp = new Window({
      url: 'https://sdp.example.test:8443/WorkOrder.do?woMode=viewWO&woID=3314',
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    sdp.document.write(html);
    expect(sdp.eval(`(${readSdpIdentity.toString()})()`)).toEqual({ login: 'dana.tech', name: 'Dana Tech', id: '9' });
    await sdp.happyDOM.close();
  });
});
