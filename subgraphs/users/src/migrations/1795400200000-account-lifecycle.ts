import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountLifecycle1795400200000 implements MigrationInterface {
  name = 'AccountLifecycle1795400200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Set when the owner followed a verification link sent to the address.
      ALTER TABLE app_user ADD COLUMN email_verified_at timestamptz;

      -- One-time links mailed to the account's address (verification, password reset). Only
      -- SHA-256 hashes are kept: a database leak resets no password. A token works once
      -- (used_at) and until expires_at; it dies with its account.
      CREATE TABLE account_token (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        purpose text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX account_token_user ON account_token (user_id, purpose) WHERE used_at IS NULL;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE account_token;
      ALTER TABLE app_user DROP COLUMN email_verified_at;
    `);
  }
}
