import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Releases' copy of the fans' profile currency and country (users' user.profile.changed): a signed-in fan's default currency. */
export class FanProfile1797350000000 implements MigrationInterface {
  name = 'FanProfile1797350000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE fan_profile (
        user_id uuid PRIMARY KEY,
        country text,
        currency text NOT NULL,
        changed_at timestamptz NOT NULL
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE fan_profile`);
  }
}
