/**
 * In-memory stand-ins for the browser APIs fake-browser does not implement: host permissions
 * and registered content scripts. They behave like Chromium's (duplicate ids refused, unknown
 * ids refused), so code that would fail in the browser fails here too.
 */
import { vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Script = Browser.scripting.RegisteredContentScript;

export function fakePermissions(initial: string[] = []) {
  const granted = new Set(initial);
  const request = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    origins.forEach((o) => granted.add(o));
    return true;
  });
  const remove = vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    origins.forEach((o) => granted.delete(o));
    return true;
  });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async ({ origins = [] }: { origins?: string[] }) =>
    origins.every((o) => granted.has(o))) as never);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request as never);
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(remove as never);
  return { granted, request, remove };
}

export function fakeScripting(initial: Script[] = []) {
  const scripts = new Map(initial.map((s) => [s.id, s]));
  const calls = { register: vi.fn(), update: vi.fn(), unregister: vi.fn() };
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async (filter?: { ids?: string[] }) =>
    [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)).map((s) => structuredClone(s))) as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation((async (list: Script[]) => {
    calls.register(list);
    for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
    for (const s of list) scripts.set(s.id, structuredClone(s));
  }) as never);
  vi.spyOn(fakeBrowser.scripting, 'updateContentScripts').mockImplementation((async (list: Script[]) => {
    calls.update(list);
    for (const s of list) if (!scripts.has(s.id)) throw new Error(`Nonexistent script ID '${s.id}'`);
    for (const s of list) scripts.set(s.id, { ...scripts.get(s.id)!, ...structuredClone(s) });
  }) as never);
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((async (filter?: { ids?: string[] }) => {
    calls.unregister(filter);
    const ids = filter?.ids ?? [...scripts.keys()];
    for (const id of ids) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
    ids.forEach((id) => scripts.delete(id));
  }) as never);
  return { scripts, calls };
}
