import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digests and quiet hours: a fan's time zone, language, digest hour and weekday and quiet window;
 * a channel's digest frequency; and digests as rows of the delivery queue (notification_id NULL),
 * one per (channel, destination, due time), which the notifications they collect point at.
 */
export class DeliveryPreferences1795700000000 implements MigrationInterface {
  name = 'DeliveryPreferences1795700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification_preference (
        user_id uuid PRIMARY KEY,
        time_zone text NOT NULL,
        language text NOT NULL,
        digest_hour smallint NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
        digest_weekday text NOT NULL,
        -- Minutes of the local day; both set or both NULL (no quiet hours).
        quiet_start_minute smallint CHECK (quiet_start_minute BETWEEN 0 AND 1439),
        quiet_end_minute smallint CHECK (quiet_end_minute BETWEEN 0 AND 1439),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start_minute IS NULL) = (quiet_end_minute IS NULL))
      );

      ALTER TABLE notification_channel ADD COLUMN digest text NOT NULL DEFAULT 'INSTANT';

      ALTER TABLE notification_delivery ALTER COLUMN notification_id DROP NOT NULL;
      ALTER TABLE notification_delivery ADD COLUMN digest_due_at timestamptz;
      ALTER TABLE notification_delivery ADD COLUMN digest_frequency text;
      ALTER TABLE notification_delivery ADD COLUMN digest_id uuid REFERENCES notification_delivery (id) ON DELETE CASCADE;
      ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_digest_shape CHECK ((notification_id IS NULL) = (digest_due_at IS NOT NULL));
      -- One digest per channel destination and period: the at-most-once of digests.
      CREATE UNIQUE INDEX notification_delivery_digest_period ON notification_delivery (channel, destination_id, digest_due_at) WHERE notification_id IS NULL;
      CREATE INDEX notification_delivery_digest_items ON notification_delivery (digest_id) WHERE digest_id IS NOT NULL;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DELETE FROM notification_delivery WHERE notification_id IS NULL;
      DROP INDEX notification_delivery_digest_items;
      DROP INDEX notification_delivery_digest_period;
      ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_digest_shape;
      ALTER TABLE notification_delivery DROP COLUMN digest_id;
      ALTER TABLE notification_delivery DROP COLUMN digest_frequency;
      ALTER TABLE notification_delivery DROP COLUMN digest_due_at;
      UPDATE notification_delivery SET status = 'PENDING' WHERE status = 'IN_DIGEST';
      ALTER TABLE notification_delivery ALTER COLUMN notification_id SET NOT NULL;
      ALTER TABLE notification_channel DROP COLUMN digest;
      DROP TABLE notification_preference;
    `);
  }
}
