export interface FetchedHeaders {
  etag: string | undefined;
  lastModified: string | undefined;
  contentType: string | undefined;
}

export interface FetchOk {
  kind: 'ok';
  /** The URL after redirects, so relative links in the body resolve correctly. */
  url: string;
  status: number;
  headers: FetchedHeaders;
  body: Buffer;
}

export interface FetchNotModified {
  kind: 'not-modified';
  url: string;
}

export type SkipReason = 'robots-disallowed' | 'page-cap';

export interface FetchSkipped {
  kind: 'skipped';
  url: string;
  reason: SkipReason;
}

/** `destination-refused`: the host is (or resolves to) an address sources may not reach (see OutboundGuard). */
export type FailureReason = 'timeout' | 'too-large' | 'redirect-loop' | 'too-many-redirects' | 'http-error' | 'network' | 'destination-refused';

export interface FetchFailed {
  kind: 'failed';
  url: string;
  reason: FailureReason;
  status?: number;
  message: string;
}

export type FetchOutcome = FetchOk | FetchNotModified | FetchSkipped | FetchFailed;

export interface ConditionalRequest {
  ifNoneMatch?: string;
  /** An HTTP date as received in Last-Modified, or a Date. */
  ifModifiedSince?: string | Date;
}

export interface PoliteFetcher {
  fetch(url: string, conditional?: ConditionalRequest): Promise<FetchOutcome>;
  /** Aborts requests in flight and pending waits; later fetches fail with reason "network". */
  close(): void;
}
