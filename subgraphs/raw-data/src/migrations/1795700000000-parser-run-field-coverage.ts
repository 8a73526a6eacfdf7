import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per run: of the listings read, how many had each field (null for runs before this existed). */
export class ParserRunFieldCoverage1795700000000 implements MigrationInterface {
  name = 'ParserRunFieldCoverage1795700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE parser_run ADD COLUMN field_coverage jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE parser_run DROP COLUMN field_coverage`);
  }
}
