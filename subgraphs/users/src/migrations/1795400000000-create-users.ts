import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1795400000000 implements MigrationInterface {
  name = 'CreateUsers1795400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        country char(2),
        currency char(3) NOT NULL DEFAULT 'EUR',
        roles text[] NOT NULL DEFAULT '{USER}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Emails are unique however they are capitalised.
      CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE app_user');
  }
}
