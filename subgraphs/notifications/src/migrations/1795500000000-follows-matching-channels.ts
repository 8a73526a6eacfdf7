import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follows, the local projection of releases/offers/rates the matcher needs (a subgraph never
 * reads another's tables), one notification per (user, event), the public release feed, and the
 * delivery channels (webhooks with their log, secret feed URLs).
 */
export class FollowsMatchingChannels1795500000000 implements MigrationInterface {
  name = 'FollowsMatchingChannels1795500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Rows written before matching existed (and admin inserts) get an event of their own.
      ALTER TABLE notification
        ADD COLUMN event_id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN release_id uuid,
        ADD COLUMN offer_id uuid;
      -- However often an event is redelivered, a user is told once.
      CREATE UNIQUE INDEX notification_user_event ON notification (user_id, event_id);
      CREATE INDEX notification_event ON notification (event_id);

      CREATE TABLE follow (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        events text[] NOT NULL,
        formats text[],
        release_types text[],
        max_price_amount numeric(18, 6),
        max_price_currency text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT follow_max_price CHECK ((max_price_amount IS NULL) = (max_price_currency IS NULL))
      );
      CREATE UNIQUE INDEX follow_user_target ON follow (user_id, target_type, target_id);
      -- The matcher looks follows up by what an event is about.
      CREATE INDEX follow_target ON follow (target_type, target_id);

      CREATE TABLE release_projection (
        release_id uuid PRIMARY KEY,
        band_ids uuid[] NOT NULL,
        label_id uuid,
        genre_ids uuid[] NOT NULL DEFAULT '{}',
        release_type text,
        title text NOT NULL,
        release_date date,
        release_date_precision text,
        release_date_text text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX release_projection_date ON release_projection (release_date);
      CREATE INDEX release_projection_bands ON release_projection USING gin (band_ids);

      CREATE TABLE offer_projection (
        offer_id uuid PRIMARY KEY,
        release_id uuid NOT NULL,
        distributor_id uuid NOT NULL,
        format text NOT NULL,
        price_amount numeric(18, 6),
        price_currency text,
        stock text,
        removed boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Units of a currency per euro, as delivery last published them.
      CREATE TABLE currency_rate (
        currency text PRIMARY KEY,
        rate numeric(18, 6) NOT NULL CHECK (rate > 0),
        rate_date date NOT NULL
      );

      -- The public feed: what releaseFeed subscribers are told, addressable by id so the gateway
      -- can resolve a subscriber's selection for it through the supergraph.
      CREATE TABLE release_feed_event (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        release_id uuid NOT NULL,
        offer_id uuid,
        band_ids uuid[] NOT NULL,
        genre_ids uuid[] NOT NULL DEFAULT '{}',
        format text,
        occurred_at timestamptz NOT NULL
      );
      CREATE INDEX release_feed_event_occurred ON release_feed_event (occurred_at DESC);

      CREATE TABLE webhook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        consecutive_failures integer NOT NULL DEFAULT 0,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_user ON webhook (user_id);

      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (webhook_id, notification_id)
      );
      CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';

      -- Secret feed URLs: only a hash is kept, so a database leak exposes no feed.
      CREATE TABLE feed_token (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX feed_token_user ON feed_token (user_id, kind) WHERE revoked_at IS NULL;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE feed_token; DROP TABLE webhook_delivery; DROP TABLE webhook; DROP TABLE release_feed_event;
      DROP TABLE currency_rate; DROP TABLE offer_projection; DROP TABLE release_projection; DROP TABLE follow;
      DROP INDEX notification_event; DROP INDEX notification_user_event;
      ALTER TABLE notification DROP COLUMN offer_id, DROP COLUMN release_id, DROP COLUMN event_id;
    `);
  }
}
