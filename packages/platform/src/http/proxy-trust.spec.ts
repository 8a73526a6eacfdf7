import { describe, expect, it } from 'vitest';
import { baseEnvSchema, parseEnv } from '../env.js';
import { DEFAULT_TRUSTED_PROXIES, clientAddress, parseProxyTrust } from './proxy-trust.js';

describe('trusted proxies', () => {
  const loopback = parseProxyTrust(DEFAULT_TRUSTED_PROXIES);
  const cluster = parseProxyTrust('10.0.0.0/8, fd00::/8');

  it('matches addresses, CIDRs and IPv4-mapped IPv6 peers', () => {
    expect(loopback.trusts('127.0.0.1')).toBe(true);
    expect(loopback.trusts('127.8.9.10')).toBe(true);
    expect(loopback.trusts('::ffff:127.0.0.1')).toBe(true);
    expect(loopback.trusts('::1')).toBe(true);
    expect(loopback.trusts('10.0.0.1')).toBe(false);
    expect(cluster.trusts('10.42.0.7')).toBe(true);
    expect(cluster.trusts('fd12::1')).toBe(true);
    expect(cluster.trusts('not an address')).toBe(false);
  });

  it('believes x-forwarded-for only from a trusted peer, reading the chain from the right', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', loopback)).toBe('198.51.100.1');
    expect(clientAddress('203.0.113.9', '127.0.0.1', loopback)).toBe('203.0.113.9');
    // A client that sends its own header behind the proxy cannot choose its address.
    expect(clientAddress('1.2.3.4, 203.0.113.9', '10.1.1.1', cluster)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9, 10.1.1.2', '10.1.1.1', cluster)).toBe('203.0.113.9');
    expect(clientAddress('garbage', '127.0.0.1', loopback)).toBe('127.0.0.1');
    expect(clientAddress(undefined, null, loopback)).toBeNull();
  });

  it('lists every malformed TRUSTED_PROXIES entry at start-up', () => {
    expect(() => parseEnv(baseEnvSchema, { TRUSTED_PROXIES: '10.0.0.0/8,proxy.local,10.0.0.0/33' })).toThrow(
      /"proxy\.local" is not an IP address or CIDR[\s\S]*"10\.0\.0\.0\/33" is not an IP address or CIDR/,
    );
    expect(parseEnv(baseEnvSchema, {}).TRUSTED_PROXIES).toBe(DEFAULT_TRUSTED_PROXIES);
  });
});
