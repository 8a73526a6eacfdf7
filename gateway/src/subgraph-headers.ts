import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

/** The headers interface of a subgraph request as @apollo/gateway types it. */
type FetcherHeaders = NonNullable<GraphQLDataSourceProcessOptions['request']['http']>['headers'];

/**
 * The headers of one subgraph request as a plain map (lower-case names), with the interface
 * RemoteGraphQLDataSource's hooks expect. @apollo/gateway builds a node-fetch Headers (name
 * validation per call, sorted iteration) and a node-fetch Request per fetch only to hand them
 * to hooks we do not use; on a nested page that is several fetches per client request.
 */
export class SubgraphHeaders implements FetcherHeaders {
  private readonly values_ = new Map<string, string>();

  constructor(from?: Iterable<[string, string]>) {
    if (from) for (const [name, value] of from) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.values_.get(key);
    this.values_.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }

  delete(name: string): void {
    this.values_.delete(name.toLowerCase());
  }

  get(name: string): string | null {
    return this.values_.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.values_.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.values_.set(name.toLowerCase(), value);
  }

  entries(): IterableIterator<[string, string]> {
    return this.values_.entries();
  }

  keys(): IterableIterator<string> {
    return this.values_.keys();
  }

  values(): IterableIterator<string> {
    return this.values_.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.values_.entries();
  }

  /** What the fetcher sends. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.values_);
  }
}
