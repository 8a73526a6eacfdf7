import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alias index holds only bands that have aliases (a few, set by operators and merges), not
 * every band with an empty list: resolution looks up a batch's names in it, and the full index
 * grew a GIN pending list with every band a first import created, which each lookup scanned (or
 * the planner chose a scan of the whole band table instead). No pending list either: alias
 * changes are rare, lookups are per batch.
 */
export class BandAliasIndex1797400000000 implements MigrationInterface {
  name = 'BandAliasIndex1797400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX band_aliases_folded;
      CREATE INDEX band_aliases_folded ON band USING gin (aliases_folded) WITH (fastupdate = off) WHERE aliases_folded <> '{}';
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX band_aliases_folded;
      CREATE INDEX band_aliases_folded ON band USING gin (aliases_folded);
    `);
  }
}
