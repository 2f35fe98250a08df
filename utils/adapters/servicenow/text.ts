/** Small reading helpers shared by the classic and workspace readers. */
import type { PageMatch, PageTicket } from '../types';

const MAX_TARGETS = 50;
const MAX_TEXT = 255;

/**
 * The text a field shows: an input's/textarea's/select's current value (a DOM property, readable
 * from the isolated world), else the element's text. Whitespace-collapsed; undefined when empty.
 */
export function fieldText(element: Element | null): string | undefined {
  if (!element) return undefined;
  const tag = element.localName;
  const raw =
    tag === 'input' || tag === 'textarea' || tag === 'select'
      ? (element as HTMLInputElement).value
      : element.textContent;
  return raw?.replace(/\s+/g, ' ').trim() || undefined;
}

/** Adds a machine name unless empty, too long, or already there (case-insensitive: host names). */
export function addTarget(targets: string[], name: string | undefined): void {
  if (!name || name.length > MAX_TEXT || targets.length >= MAX_TARGETS) return;
  const lower = name.toLowerCase();
  if (!targets.some((t) => t.toLowerCase() === lower)) targets.push(name);
}

/** Bounded PageTicket from what was read; ids and tables always come from the URL. */
export function toTicket(match: PageMatch, read: { displayId?: string; title?: string; targets: string[] }): PageTicket {
  const displayId = read.displayId && read.displayId.length <= 64 ? read.displayId : undefined;
  const title = read.title?.slice(0, MAX_TEXT);
  return {
    kind: match.kind,
    id: match.id,
    ...(match.table ? { table: match.table } : {}),
    ...(displayId ? { displayId } : {}),
    ...(title ? { title } : {}),
    targets: read.targets,
  };
}
