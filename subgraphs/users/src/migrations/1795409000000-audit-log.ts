import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795409000000 implements MigrationInterface {
  name = 'AuditLog1795409000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Every operator mutation of every subgraph, from their audit.recorded events. event_id makes
      -- a redelivered event a no-op; the sequence orders entries recorded in the same instant.
      CREATE TABLE audit_entry (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        occurred_at timestamptz NOT NULL,
        subgraph text NOT NULL,
        actor_id text,
        actor_roles text[] NOT NULL,
        operation_name text,
        field text NOT NULL,
        scope text NOT NULL,
        variables jsonb NOT NULL,
        outcome text NOT NULL,
        error_message text,
        changes jsonb NOT NULL,
        request_id text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_entry_time ON audit_entry (occurred_at DESC, seq DESC);
      CREATE INDEX audit_entry_actor ON audit_entry (actor_id, occurred_at DESC);

      -- Append-only, whoever connects: an entry is never changed or removed, not even by this service.
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE audit_entry;
      DROP FUNCTION audit_entry_append_only();
    `);
  }
}
