import { BlockList, isIP } from 'node:net';

/**
 * Which peers may tell us the client's address in X-Forwarded-For: a list of addresses and
 * CIDRs ("127.0.0.1/8,::1,10.0.0.0/8"). Anyone else could rotate the header to dodge every
 * per-address limit, so their header is ignored and their socket address counts.
 */
export interface ProxyTrust {
  trusts(address: string): boolean;
  /** The entries as configured, for logs and errors. */
  readonly entries: readonly string[];
}

/** Loopback: the gateway beside the service in one process or one host. */
export const DEFAULT_TRUSTED_PROXIES = '127.0.0.1/8,::1';

/** Each entry that is neither an IP address nor a CIDR, with why. */
export function proxyListProblems(list: string): string[] {
  return splitList(list).flatMap((entry) => (parseEntry(entry) ? [] : [`"${entry}" is not an IP address or CIDR`]));
}

export function parseProxyTrust(list: string): ProxyTrust {
  const blockList = new BlockList();
  const entries = splitList(list);
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    if (parsed.prefix === undefined) blockList.addAddress(parsed.address, parsed.family);
    else blockList.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    entries,
    // BlockList also matches IPv4-mapped IPv6 peers (::ffff:127.0.0.1) against IPv4 rules.
    trusts: (address) => {
      const family = isIP(address);
      return family !== 0 && blockList.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy; then the
 * forwarded chain is read from the right (the hop nearest us) and the first address no trusted
 * proxy owns is the client. A chain of only trusted hops gives its leftmost entry.
 */
export function clientAddress(forwardedFor: string | undefined, peer: string | null, trust: ProxyTrust): string | null {
  if (!peer || !forwardedFor || !trust.trusts(peer)) return peer;
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => isIP(hop) !== 0);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    if (!trust.trusts(hops[index]!)) return hops[index]!;
  }
  return hops[0] ?? peer;
}

function splitList(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

function parseEntry(entry: string): { address: string; family: 'ipv4' | 'ipv6'; prefix?: number } | undefined {
  const [address = '', prefixText, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return undefined;
  const family = version === 6 ? 'ipv6' : 'ipv4';
  if (prefixText === undefined) return { address, family };
  const prefix = Number(prefixText);
  const max = version === 6 ? 128 : 32;
  if (!/^\d{1,3}$/.test(prefixText) || prefix > max) return undefined;
  return { address, family, prefix };
}
