/**
 * Identity comparisons for the rules: is this machine the one on the ticket, is this person me.
 * Pure, no browser APIs.
 */
import type { Person } from '../tickets/types';

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|.*:.*)$/; // IPv4 or anything with ':' (IPv6)

function normaliseHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Same machine? Case-insensitive; a short name matches an FQDN's first label either way
 * ("srv-web-01" ~ "SRV-WEB-01.corp.example.com"). Two FQDNs must be equal (same host in
 * different domains is a different machine), and IP literals only match exactly.
 */
export function sameHost(a: string, b: string): boolean {
  const x = normaliseHost(a);
  const y = normaliseHost(b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (IP_LITERAL.test(x) || IP_LITERAL.test(y)) return false;
  // Only a short name may stand for an FQDN; two different FQDNs never match.
  if (!x.includes('.')) return y.split('.')[0] === x;
  if (!y.includes('.')) return x.split('.')[0] === y;
  return false;
}

function norm(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/**
 * Same person? The first identifier both sides carry decides (login, then email, then id), so
 * two people who share a display name are not confused; the name is the last resort.
 * Login and email compare case-insensitively (directories treat them so); ids exactly.
 */
export function samePerson(a: Person, b: Person): boolean {
  if (norm(a.login) && norm(b.login)) return norm(a.login) === norm(b.login);
  if (norm(a.email) && norm(b.email)) return norm(a.email) === norm(b.email);
  if (a.id?.trim() && b.id?.trim()) return a.id.trim() === b.id.trim();
  return norm(a.name) !== '' && norm(a.name) === norm(b.name);
}
