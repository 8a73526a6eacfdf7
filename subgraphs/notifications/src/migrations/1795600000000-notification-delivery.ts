import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One delivery log for every way a notification leaves the app (webhooks, Discord, ntfy, ...):
 * one row per (notification, channel, destination), so a redelivered event cannot send twice,
 * and the fans' own channels with their pause state. The webhook log moves into it unchanged.
 */
export class NotificationDelivery1795600000000 implements MigrationInterface {
  name = 'NotificationDelivery1795600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        target text NOT NULL,
        label text,
        -- Used for follows that name no channels of their own.
        is_default boolean NOT NULL DEFAULT true,
        consecutive_failures integer NOT NULL DEFAULT 0,
        paused_at timestamptz,
        pause_reason text,
        -- An email address receives nothing until its owner followed the confirmation link.
        verified_at timestamptz,
        -- A web push subscription's p256dh and auth keys (the endpoint is the target).
        push_keys jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX notification_channel_user_target ON notification_channel (user_id, kind, target);

      -- Email confirmation (single-use, short-lived) and unsubscribe links; only hashes are kept.
      CREATE TABLE channel_token (
        token_hash text PRIMARY KEY,
        channel_id uuid NOT NULL REFERENCES notification_channel (id) ON DELETE CASCADE,
        purpose text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX channel_token_channel ON channel_token (channel_id);

      -- The channels a follow sends to; NULL means the fan's default channels.
      ALTER TABLE follow ADD COLUMN channel_ids uuid[];

      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        channel text NOT NULL,
        destination_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- Fences a sender whose lease ran out: its late outcome no longer matches.
        claim_token uuid,
        last_status_code integer,
        last_error_code text,
        last_error text,
        provider_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (notification_id, channel, destination_id)
      );
      CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
      CREATE INDEX notification_delivery_destination ON notification_delivery (destination_id, created_at DESC);

      INSERT INTO notification_delivery (id, notification_id, channel, destination_id, status, attempts, next_attempt_at, last_status_code, last_error, created_at, sent_at)
      SELECT id, notification_id, 'WEBHOOK', webhook_id, status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at FROM webhook_delivery;
      DROP TABLE webhook_delivery;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
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
      INSERT INTO webhook_delivery (id, webhook_id, notification_id, status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at)
      SELECT d.id, d.destination_id, d.notification_id, CASE WHEN d.status = 'SENDING' THEN 'PENDING' ELSE d.status END, d.attempts, d.next_attempt_at,
             d.last_status_code, d.last_error, d.created_at, d.sent_at
      FROM notification_delivery d JOIN webhook w ON w.id = d.destination_id WHERE d.channel = 'WEBHOOK';
      DROP TABLE notification_delivery;
      ALTER TABLE follow DROP COLUMN channel_ids;
      DROP TABLE channel_token;
      DROP TABLE notification_channel;
    `);
  }
}
