import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a PENDING delivery waits although nothing failed: the fan's quiet hours, or the provider's
 * rate limit. Set when the dispatcher postpones it, cleared when it is claimed again, so the app can
 * say "waiting for quiet hours to end" rather than "retrying".
 */
export class DeliveryHeldFor1795710000000 implements MigrationInterface {
  name = 'DeliveryHeldFor1795710000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification_delivery ADD COLUMN held_for text CHECK (held_for IN ('QUIET_HOURS', 'RATE_LIMIT'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notification_delivery DROP COLUMN held_for`);
  }
}
