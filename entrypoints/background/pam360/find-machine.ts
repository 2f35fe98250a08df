/**
 * Finding the PAM360 resource(s) for a machine named on a ticket: several bounded, paged
 * searches, de-duplicated by ID, then only exact matches are kept (machine-match.ts).
 */
import { Pam360Error } from './errors';
import { isIpAddress, resourceMatchesMachine, shortHostName } from './machine-match';
import type { ResourceQuery, ResourceSearchColumn, ResourceSummary, ResourceWithAccounts } from './types';

/** The two client calls the finder needs (injected so the finder stays testable alone). */
export interface MachineSearchDeps {
  searchResources(query: ResourceQuery): Promise<{ total: number; resources: ResourceSummary[] }>;
  resourceWithAccounts(resourceId: string): Promise<ResourceWithAccounts>;
}

export const PAGE_SIZE = 50;
/** Pages per search; a machine name matching more than 200 resources is not a machine name. */
export const MAX_PAGES_PER_SEARCH = 4;
/** Resources whose DNS name we fetch to confirm an IP/ALL hit (list rows lack DNS NAME). */
export const MAX_DETAIL_LOOKUPS = 10;

/** `optional`: a refusal (Failed envelope) of this search is skipped, not fatal. */
type Search = { column: ResourceSearchColumn; value: string; needsDnsCheck: boolean; optional?: boolean };
type Candidate = { summary: ResourceSummary; needsDnsCheck: boolean };

function searchesFor(machine: string): Search[] {
  const searches: Search[] = [{ column: 'RESOURCENAME', value: machine, needsDnsCheck: false }];
  const short = shortHostName(machine);
  if (short !== machine) searches.push({ column: 'RESOURCENAME', value: short, needsDnsCheck: false });
  // PAM360 keeps one "DNS Name / IP Address" field (the accounts list shows an IP under
  // DNS NAME); IPADDRESS is the documented column closest to it [I].
  // The IP and ALL searches only widen the net; a build that refuses one of these columns
  // must not cost the name matches, so their refusals are skipped.
  searches.push({ column: 'IPADDRESS', value: machine, needsDnsCheck: true, optional: true });
  // No DNS column is documented (research §2.1): ALL, filtered client-side, covers DNS names
  // and descriptions.
  if (!isIpAddress(machine)) searches.push({ column: 'ALL', value: machine, needsDnsCheck: true, optional: true });
  return searches;
}

async function collect(deps: MachineSearchDeps, search: Search, into: Map<string, Candidate>): Promise<void> {
  let startIndex = 0;
  for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
    const { total, resources } = await deps.searchResources({
      column: search.column,
      value: search.value,
      startIndex,
      limit: PAGE_SIZE,
    });
    let added = 0;
    for (const summary of resources) {
      const known = into.get(summary.id);
      if (known) {
        known.needsDnsCheck ||= search.needsDnsCheck;
      } else {
        into.set(summary.id, { summary, needsDnsCheck: search.needsDnsCheck });
        added++;
      }
    }
    startIndex += resources.length;
    // A page with nothing new means the server ignores STARTINDEX: more pages would repeat it.
    if (resources.length < PAGE_SIZE || startIndex >= total || added === 0) return;
  }
}

/** Confirms a hit by its DNS name; resources we may not read are skipped, not fatal. */
async function withDnsName(deps: MachineSearchDeps, summary: ResourceSummary): Promise<ResourceSummary | null> {
  try {
    const { resource } = await deps.resourceWithAccounts(summary.id);
    return resource.dnsName ? { ...summary, dnsName: resource.dnsName } : summary;
  } catch (error) {
    if (error instanceof Pam360Error && (error.kind === 'not-found' || error.kind === 'failed')) return null;
    throw error;
  }
}

/**
 * Resources whose name, DNS name, IP or short host name equals `machine` (case-insensitive),
 * in discovery order (name matches first). Partial matches are never returned.
 */
export async function findResourcesForMachine(deps: MachineSearchDeps, machine: string): Promise<ResourceSummary[]> {
  const name = machine.trim();
  if (!name) return [];
  const candidates = new Map<string, Candidate>();
  // The searches run in parallel (each pages on its own); merging in search order keeps name
  // matches first.
  const found = await Promise.all(
    searchesFor(name).map(async (search) => {
      const into = new Map<string, Candidate>();
      try {
        await collect(deps, search, into);
      } catch (error) {
        // 'failed' only: auth, network and malformed answers still stop the lookup.
        if (!search.optional || !(error instanceof Pam360Error) || error.kind !== 'failed') throw error;
      }
      return into;
    }),
  );
  for (const into of found) {
    for (const [id, candidate] of into) {
      const known = candidates.get(id);
      if (known) known.needsDnsCheck ||= candidate.needsDnsCheck;
      else candidates.set(id, candidate);
    }
  }

  const matched = new Map<string, ResourceSummary>();
  const toCheck: ResourceSummary[] = [];
  for (const { summary, needsDnsCheck } of candidates.values()) {
    if (resourceMatchesMachine(summary, name)) matched.set(summary.id, summary);
    else if (needsDnsCheck && summary.dnsName === undefined) toCheck.push(summary);
  }
  const checked = await Promise.all(toCheck.slice(0, MAX_DETAIL_LOOKUPS).map((summary) => withDnsName(deps, summary)));
  for (const summary of checked) {
    if (summary && resourceMatchesMachine(summary, name)) matched.set(summary.id, summary);
  }
  // Keep discovery order across both passes.
  return [...candidates.keys()].flatMap((id) => {
    const summary = matched.get(id);
    return summary ? [summary] : [];
  });
}
