import ipaddr from 'ipaddr.js';

/**
 * Which addresses the service may connect to on someone else's say-so (a fan's webhook, an
 * operator's shop URL). Ranges come from ipaddr.js's range() rather than hand-written prefixes, and
 * the rule is an allowlist (global unicast only), so a range nobody thought of is refused.
 *
 * - `public`: global unicast, always allowed.
 * - `private`: loopback, RFC 1918, unique-local and carrier-grade NAT: allowed only where an
 *   operator opted in (sample shops on 127.0.0.1 in development, say).
 * - `forbidden`: never, whatever the setting: link-local (cloud metadata lives there: 169.254.169.254,
 *   fd00:ec2::254), unspecified, multicast, broadcast, documentation and every other reserved range.
 */
export type AddressClass = 'public' | 'private' | 'forbidden';

export interface AddressVerdict {
  class: AddressClass;
  /** The ipaddr.js range name that decided it ("loopback", "linkLocal", "unicast", ...). */
  range: string;
}

const PRIVATE_V4 = new Set(['loopback', 'private', 'carrierGradeNat']);
// AWS's IPv6 instance metadata endpoint sits inside unique-local space, which `private` allows.
const METADATA_V6 = [ipaddr.IPv6.parse('fd00:ec2::254')];
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
// RFC 6052 well-known NAT64 prefix: the last 32 bits are the IPv4 address really reached.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/** Classifies an IP address in any textual form Node or a DNS answer can produce; null if it is not one. */
export function classifyAddress(text: string): AddressVerdict | null {
  const literal = text.replace(/^\[|\]$/g, '');
  // ipaddr.js's parse accepts the IPv4 shorthands (127.1, 0x7f000001) that WHATWG URLs also normalise.
  if (!ipaddr.isValid(literal)) return null;
  const parsed = ipaddr.parse(literal);
  return parsed.kind() === 'ipv4' ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}

function classifyV4(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range();
  if (range === 'unicast') return { class: 'public', range };
  return { class: PRIVATE_V4.has(range) ? 'private' : 'forbidden', range };
}

function classifyV6(address: ipaddr.IPv6): AddressVerdict {
  const range = address.range();
  // ::ffff:a.b.c.d (and every spelling of it: ::ffff:7f00:1, 0:0:0:0:0:ffff:127.0.0.1) is IPv4.
  if (address.isIPv4MappedAddress()) return classifyV4(address.toIPv4Address());
  // Anything with an IPv4 address inside is judged by that address: IPv4-compatible ::a.b.c.d
  // (deprecated, but some stacks still route it), NAT64 and 6to4.
  const embedded = embeddedIPv4(address);
  if (embedded) {
    const inner = classifyV4(embedded);
    return inner.class === 'public' ? { class: 'public', range } : { class: inner.class, range: `${range}(${inner.range})` };
  }
  if (range === 'loopback') return { class: 'private', range };
  if (range === 'uniqueLocal') {
    return METADATA_V6.some((metadata) => metadata.toNormalizedString() === address.toNormalizedString()) ? { class: 'forbidden', range: 'metadata' } : { class: 'private', range };
  }
  if (range === 'unicast' && address.match(GLOBAL_UNICAST_V6)) return { class: 'public', range };
  return { class: 'forbidden', range: range === 'unicast' ? 'reserved' : range };
}

function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const fromLow32 = (): ipaddr.IPv4 => new ipaddr.IPv4([parts[6]! >> 8, parts[6]! & 0xff, parts[7]! >> 8, parts[7]! & 0xff]);
  // ::/96 except :: and ::1, which range() already names.
  if (parts.slice(0, 6).every((part) => part === 0) && address.range() === 'unicast') return fromLow32();
  if (address.match(NAT64_WELL_KNOWN)) return fromLow32();
  if (address.range() === '6to4') return new ipaddr.IPv4([parts[1]! >> 8, parts[1]! & 0xff, parts[2]! >> 8, parts[2]! & 0xff]);
  return null;
}

/** Whether a connection to this address is allowed under the given policy. */
export function addressAllowed(verdict: AddressVerdict, allowPrivate: boolean): boolean {
  return verdict.class === 'public' || (verdict.class === 'private' && allowPrivate);
}
