// Frame hosts' targets from the top URL (what the background sees of a tab): decoded, same origin
// only, then detected as strictly as any other URL.
import { describe, expect, it } from 'vitest';
import type { PageMatch } from '../types';
import { detect } from './detect';
import { detectTopLevel, frameTarget } from './frame-target';

const O = 'https://acme.service-now.com';
const ID = '46d44a5ddb8a2010a4e2f3c3ca961911';
const ID2 = '68f66c7ffdac4232c60415e5ec183b33';
const enc = encodeURIComponent;
const POLARIS = `${O}/now/nav/ui/classic/params/target`;

const incident: PageMatch = { kind: 'incident', id: ID, table: 'incident' };
const change: PageMatch = { kind: 'change', id: ID2, table: 'change_request' };

const FRAMED: [string, PageMatch][] = [
  // UI16 nav_to.do: encoded once (what ServiceNow writes), unencoded, with a leading slash, twice.
  [`${O}/nav_to.do?uri=${enc(`/incident.do?sys_id=${ID}`)}`, incident],
  [`${O}/nav_to.do?uri=${enc(`incident.do?sys_id=${ID}&sysparm_view=ess`)}`, incident],
  [`${O}/nav_to.do?uri=incident.do?sys_id=${ID}`, incident],
  [`${O}/nav_to.do?uri=${enc(enc(`change_request.do?sys_id=${ID2}`))}`, change],
  [`${O}/nav_to.do?uri=${enc(`${O}/change_request.do?sys_id=${ID2}`)}`, change], // absolute, same origin
  [`${O}/nav_to.do?uri=${enc(`/incident.do?sys_id=${ID.toUpperCase()}`)}`, incident],
  // Next Experience classic wrapper.
  [`${POLARIS}/${enc(`incident.do?sys_id=${ID}`)}`, incident],
  [`${POLARIS}/incident.do%3Fsys_id%3D${ID}%26sysparm_view%3D`, incident],
  [`${POLARIS}/${enc(`/change_request.do?sys_id=${ID2}`)}`, change],
  [`${POLARIS}/${enc(enc(`incident.do?sys_id=${ID}`))}`, incident],
  [`${POLARIS}/${enc(`incident.do?sys_id=${ID}`)}/params/other/1`, incident], // later params are not the target
];

const NOT_FRAMED = [
  // No target, or not exactly one.
  `${O}/nav_to.do`,
  `${O}/nav_to.do?uri=`,
  `${O}/nav_to.do?uri=${enc(`incident.do?sys_id=${ID}`)}&uri=${enc(`incident.do?sys_id=${ID2}`)}`,
  `${O}/navpage.do`,
  `${POLARIS}/`,
  `${O}/now/nav/ui/home`,
  // Targets that are not one of our records (lists, new records, other tables, workspaces).
  `${O}/nav_to.do?uri=${enc('/incident_list.do?sysparm_query=active=true')}`,
  `${O}/nav_to.do?uri=${enc('incident.do?sys_id=-1')}`,
  `${O}/nav_to.do?uri=${enc(`sys_user.do?sys_id=${ID}`)}`,
  `${POLARIS}/${enc(`incident.do?sys_id=${ID.slice(1)}`)}`,
  // Another origin, other schemes, nested frame hosts, broken escapes.
  `${O}/nav_to.do?uri=${enc(`https://evil.example/incident.do?sys_id=${ID}`)}`,
  `${O}/nav_to.do?uri=${enc(`//evil.example/incident.do?sys_id=${ID}`)}`,
  `${O}/nav_to.do?uri=${enc(`/\\evil.example/incident.do?sys_id=${ID}`)}`,
  `${O}/nav_to.do?uri=${enc(`javascript:alert(1)//incident.do?sys_id=${ID}`)}`,
  `${POLARIS}/${enc(`https://evil.example/incident.do?sys_id=${ID}`)}`,
  `${O}/nav_to.do?uri=${enc(`nav_to.do?uri=${enc(`incident.do?sys_id=${ID}`)}`)}`,
  `${POLARIS}/incident.do%3Fsys_id%3D%E0%A4%A`,
  // Not a frame host: a target-looking parameter elsewhere means nothing.
  `${O}/home.do?uri=${enc(`incident.do?sys_id=${ID}`)}`,
  `${O}/x/nav_to.do?uri=${enc(`incident.do?sys_id=${ID}`)}`,
];

describe('detectTopLevel()', () => {
  it.each(FRAMED)('reads the framed record of %s', (url, expected) => {
    expect(detect(new URL(url))).toBeNull(); // detect() itself stays out of frame hosts
    expect(detectTopLevel(new URL(url))).toEqual(expected);
  });

  it.each(NOT_FRAMED.map((url) => [url]))('finds no ticket in %s', (url) => {
    expect(detectTopLevel(new URL(url))).toBeNull();
  });

  it('answers like detect() for pages that are not frame hosts', () => {
    for (const url of [`${O}/incident.do?sys_id=${ID}`, `${O}/now/sow/record/change_request/${ID2}`, `${O}/incident_list.do`]) {
      expect(detectTopLevel(new URL(url))).toEqual(detect(new URL(url)));
    }
  });
});

describe('frameTarget()', () => {
  it('resolves the target on the host’s origin', () => {
    expect(frameTarget(new URL(`${O}/nav_to.do?uri=incident_list.do`))?.href).toBe(`${O}/incident_list.do`);
    expect(frameTarget(new URL(`${POLARIS}/${enc('/home.do?x=1')}`))?.href).toBe(`${O}/home.do?x=1`);
  });

  it('gives nothing for pages that are not frame hosts', () => {
    expect(frameTarget(new URL(`${O}/incident.do?sys_id=${ID}`))).toBeNull();
  });
});
