import type { DataSource, EntityManager } from 'typeorm';
import type { RateBucket } from '../../domain/rate-limiter.js';

/** Where a channel sends to (a webhook, a fan's Discord webhook, an ntfy topic, ...). */
export interface Destination {
  id: string;
  userId: string;
  /** How the fan recognises it in a notice ("Discord", "ntfy topic alerts", a webhook URL). */
  label: string;
}

/** The destination table of a channel: who may still receive, and its failure count and pause. */
export interface DestinationStore<D extends Destination> {
  /** The given destinations that are neither paused nor removed. */
  loadActive(db: DataSource | EntityManager, ids: readonly string[]): Promise<Map<string, D>>;
  recordSuccess(db: DataSource | EntityManager, id: string): Promise<void>;
  /** One more delivery failed for good; true when that paused the destination just now. */
  recordFailure(db: DataSource | EntityManager, id: string, pauseAfterFailures: number, reason: string): Promise<boolean>;
  /** Paused at once (the provider said the destination is gone); true when it was active. */
  pause(db: DataSource | EntityManager, id: string, reason: string): Promise<boolean>;
  /** Deleted: the destination ended itself (an expired push subscription). */
  remove?(db: DataSource | EntityManager, id: string): Promise<void>;
}

export interface DeliveryMessage {
  notificationId: string;
  userId: string;
  kind: string;
  title: string;
  message: string;
  releaseId: string | null;
  offerId: string | null;
  createdAt: Date;
  /** Where the fan reads it in the web app. */
  link: string;
  /** The offer's format and current price, for notifications about an offer. */
  offer: { format: string; price: { amount: string; currency: string } | null } | null;
  /** The fan's language tag; templates fall back to English. */
  language: string;
}

/** A day's or week's notifications to one destination, sent as one message. */
export interface DigestMessage {
  frequency: 'DAILY' | 'WEEKLY';
  language: string;
  /** Oldest first. */
  items: DeliveryMessage[];
  /** The fan's notifications in the web app. */
  link: string;
}

export type SendOutcome =
  | { delivered: true; statusCode?: number; providerMessageId?: string | null }
  | {
      delivered: false;
      /** Stable, for the log and the API: HTTP_500, RATE_LIMITED, DESTINATION_GONE, TIMEOUT, ... */
      errorCode: string;
      error: string;
      statusCode?: number | null;
      /** Worth another attempt (within the channel's limit). */
      retryable: boolean;
      /** The provider asked for this much quiet. */
      retryAfterMs?: number | null;
      /** The destination no longer exists or refuses us for good: pause it now. */
      pauseDestination?: boolean;
      /** The destination ended itself (a push subscription the browser dropped): delete it, no notice. */
      removeDestination?: boolean;
      /** The request may have reached the provider: only an idempotent channel may repeat it. */
      uncertain?: boolean;
    };

export interface RetryPolicy {
  maxAttempts: number;
  retryInitialMs: number;
  /** Deliveries in a row that failed all their attempts before the destination is paused. */
  pauseAfterFailures: number;
}

/** One way of reaching a fan; the dispatcher owns claiming, retries, pausing and the log. */
export interface ChannelSender<D extends Destination = Destination> {
  readonly channel: string;
  /**
   * The provider (or receiver) drops a repeat carrying the same key, so a send whose worker died
   * after the claim may be made again; otherwise such a delivery is given up (at most once).
   */
  readonly idempotent: boolean;
  readonly policy: RetryPolicy;
  readonly destinations: DestinationStore<D>;
  /** A fan's own channel waits for the end of their quiet hours (a machine's webhook does not). */
  readonly waitsForQuietHours: boolean;
  /** The provider's rate limits this send passes through; a send that would exceed one waits its turn. */
  rateBuckets?(destination: D): readonly RateBucket[];
  send(destination: D, message: DeliveryMessage, delivery: { id: string }): Promise<SendOutcome>;
  /** Channels that can collect notifications send a digest as one message. */
  sendDigest?(destination: D, digest: DigestMessage, delivery: { id: string }): Promise<SendOutcome>;
}
