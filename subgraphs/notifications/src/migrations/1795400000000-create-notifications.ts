import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1795400000000 implements MigrationInterface {
  name = 'CreateNotifications1795400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      -- A user's feed newest first, and the unread badge.
      CREATE INDEX notification_user_created ON notification (user_id, created_at DESC, id DESC);
      CREATE INDEX notification_user_unread ON notification (user_id) WHERE read_at IS NULL;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE notification');
  }
}
