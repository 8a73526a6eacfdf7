import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountsAndTokens1795400100000 implements MigrationInterface {
  name = 'AccountsAndTokens1795400100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- An empty hash never verifies: rows from before passwords existed cannot log in.
      ALTER TABLE app_user ADD COLUMN password_hash text NOT NULL DEFAULT '';
      ALTER TABLE app_user ALTER COLUMN password_hash DROP DEFAULT;
      ALTER TABLE app_user ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

      -- Opaque refresh tokens, stored as SHA-256 hashes. A family is one login's chain of
      -- rotations: reusing a spent token revokes the whole family.
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_token_family ON refresh_token (family_id);
      CREATE INDEX refresh_token_user ON refresh_token (user_id) WHERE revoked_at IS NULL;

      -- Ed25519 signing keys. A new key is published first and signs from activates_at on
      -- (verifiers have fetched it by then); the key it replaces stops signing at that moment
      -- (retired_at) and stays published until every token it signed has expired.
      CREATE TABLE signing_key (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        private_jwk text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activates_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        publish_until timestamptz
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE signing_key;
      DROP TABLE refresh_token;
      ALTER TABLE app_user DROP COLUMN updated_at;
      ALTER TABLE app_user DROP COLUMN password_hash;
    `);
  }
}
