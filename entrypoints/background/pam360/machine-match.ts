/**
 * Does a PAM360 resource stand for the machine named on a ticket? Exact, case-insensitive
 * matches only: PAM360's search is a "contains" search, so "srv-01" also finds "srv-010",
 * and a partial match must never be offered as the target. Pure.
 */
import { sameHost } from '@/utils/rules/match';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** True for an IPv4 or IPv6 literal (never shortened to a "host name"). */
export function isIpAddress(value: string): boolean {
  const text = value.trim();
  return IPV4.test(text) || (text.includes(':') && /^[\da-f:.[\]]+$/i.test(text));
}

/** The first label of an FQDN ("srv-01.corp.example" → "srv-01"); IPs stay whole. */
export function shortHostName(value: string): string {
  const text = value.trim();
  if (isIpAddress(text)) return text;
  return text.split('.')[0] ?? text;
}

/**
 * One value (resource name, DNS name or IP) against the machine name: the rules' own "same
 * machine" (equal, or a short host name equal to the other side's first label; two different
 * FQDNs never match), so a resource is offered exactly when "Machine is on the ticket" passes.
 */
export function valueMatchesMachine(value: string, machine: string): boolean {
  return sameHost(value, machine);
}

/** True when the resource name or its DNS name / IP matches the machine. */
export function resourceMatchesMachine(resource: { name: string; dnsName?: string }, machine: string): boolean {
  return valueMatchesMachine(resource.name, machine) || valueMatchesMachine(resource.dnsName ?? '', machine);
}
