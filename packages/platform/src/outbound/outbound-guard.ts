import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { addressAllowed, classifyAddress, type AddressVerdict } from './address-policy.js';

/** Every address a host name resolves to right now (injectable: specs answer without DNS). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** getaddrinfo, like a plain connect would use: /etc/hosts and the system's resolver. */
export const systemResolver: HostResolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Stable code recorded wherever a refused destination is reported (delivery logs, run issues). */
export const DESTINATION_REFUSED = 'DESTINATION_REFUSED';

export type RefusalReason = 'not-http' | 'unresolvable' | 'private' | 'forbidden';

/** Why a URL may not be fetched; `message` names the kind of address, never a port or a status. */
export class DestinationRefusedError extends Error {
  readonly code = DESTINATION_REFUSED;

  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'DestinationRefusedError';
  }
}

export interface OutboundGuardOptions {
  /** Allow loopback, RFC 1918, unique-local and CGNAT addresses (link-local and reserved ranges stay refused). */
  allowPrivate: boolean;
  resolve?: HostResolver;
  /** Per-connection connect timeout of the pinned dispatcher. */
  connectTimeoutMs?: number;
}

/**
 * The one gate for requests whose destination someone else chose (webhooks, shop sources): it
 * checks URLs up front (to refuse them with a clear message) and, decisively, at connect time:
 * the dispatcher's lookup resolves the name once, checks every answer and hands only checked
 * addresses to the socket, so a DNS answer that changes after a check cannot redirect the
 * connection. Redirects are never followed here; callers that follow them come back per hop.
 */
export class OutboundGuard {
  private readonly resolve: HostResolver;
  private agent: Agent | undefined;

  constructor(private readonly options: OutboundGuardOptions) {
    this.resolve = options.resolve ?? systemResolver;
  }

  get allowPrivate(): boolean {
    return this.options.allowPrivate;
  }

  /** The addresses `url` would connect to, all allowed; or why not. Never throws for a bad URL. */
  async check(url: string | URL): Promise<DestinationRefusedError | null> {
    try {
      await this.addressesFor(url);
      return null;
    } catch (error) {
      if (error instanceof DestinationRefusedError) return error;
      throw error;
    }
  }

  /** Like check, but for a host name alone (the socket's lookup). Throws DestinationRefusedError. */
  async checkedAddresses(hostname: string): Promise<string[]> {
    const host = hostname.replace(/^\[|\]$/g, '');
    const literal = classifyAddress(host);
    if (literal) {
      this.assertAllowed(host, literal, 'is');
      return [host];
    }
    let answers: string[];
    try {
      answers = await this.resolve(host);
    } catch {
      answers = [];
    }
    if (answers.length === 0) throw new DestinationRefusedError('unresolvable', `${host} does not resolve`);
    // Every answer, not just the first: the socket may pick any of them (happy eyeballs).
    for (const answer of answers) {
      const verdict = classifyAddress(answer);
      if (!verdict) throw new DestinationRefusedError('unresolvable', `${host} resolves to something that is not an IP address`);
      this.assertAllowed(host, verdict, 'resolves to');
    }
    return answers;
  }

  /** A net/tls `lookup` that only ever yields checked addresses: the connection goes where the check looked. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.checkedAddresses(hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const entries: LookupAddress[] = addresses
          .map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
          .filter((entry) => !family || entry.family === family);
        if (entries.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address of family ${family}`), { code: 'ENOTFOUND' }), '', 0);
        } else if (options.all) {
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, entries);
        } else {
          callback(null, entries[0]!.address, entries[0]!.family);
        }
      },
      (error: unknown) => {
        // A name that does not resolve is an ordinary network failure (retried like one), not a refusal.
        const failure = error instanceof DestinationRefusedError && error.reason === 'unresolvable' ? Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }) : error;
        callback(failure as NodeJS.ErrnoException, '', 0);
      },
    );
  };

  /** An undici dispatcher whose sockets connect only to addresses this guard checked. */
  dispatcher(): Agent {
    this.agent ??= new Agent({ connect: { lookup: this.lookup, timeout: this.options.connectTimeoutMs ?? 10_000 } });
    return this.agent;
  }

  /**
   * fetch through the pinned dispatcher, never following redirects. An IP literal is checked
   * here because sockets skip the lookup for literals. A refused destination rejects with a
   * DestinationRefusedError (see refusalOf for the wrapped form undici reports).
   */
  async fetch(url: string | URL, init: Omit<UndiciRequestInit, 'dispatcher' | 'redirect'> = {}): Promise<Response> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DestinationRefusedError('not-http', 'must be an http or https URL');
    const literal = classifyAddress(parsed.hostname);
    if (literal) this.assertAllowed(parsed.hostname, literal, 'is');
    try {
      return (await undiciFetch(parsed, { ...init, redirect: 'manual', dispatcher: this.dispatcher() })) as unknown as Response;
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
    this.agent = undefined;
  }

  private async addressesFor(raw: string | URL): Promise<string[]> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new DestinationRefusedError('not-http', 'must be an absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DestinationRefusedError('not-http', 'must be an http or https URL');
    return this.checkedAddresses(url.hostname);
  }

  private assertAllowed(host: string, verdict: AddressVerdict, relation: 'is' | 'resolves to'): void {
    if (addressAllowed(verdict, this.options.allowPrivate)) return;
    if (verdict.class === 'private') throw new DestinationRefusedError('private', `${host} ${relation} a private address (${verdict.range}); only public addresses are allowed`);
    throw new DestinationRefusedError('forbidden', `${host} ${relation} a ${verdict.range} address, which is never fetched`);
  }
}

/** The DestinationRefusedError behind a failed fetch (undici wraps connect errors in "fetch failed"). */
export function refusalOf(error: unknown): DestinationRefusedError | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof DestinationRefusedError) return current;
  }
  return null;
}
