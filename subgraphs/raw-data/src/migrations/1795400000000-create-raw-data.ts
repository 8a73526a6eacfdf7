import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRawData1795400000000 implements MigrationInterface {
  name = 'CreateRawData1795400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL,
        url text NOT NULL,
        distributor_id uuid,
        schedule text,
        options jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE source');
  }
}
