import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldName } from '../resolution/normalize.js';

/**
 * Entity resolution: folded names (computed in TS, see resolution/normalize.ts) with a btree for
 * prefix search and a trigram GIN index for typo-tolerant search, labels, genres, the evidence
 * that tells same-name bands apart, merges and the review queue.
 */
export class EntityResolution1795600000000 implements MigrationInterface {
  name = 'EntityResolution1795600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE band
        -- Folded names are plain lower-case words: byte order ("C") lets one btree serve both
        -- LIKE 'prefix%' and ORDER BY name_folded, so a prefix page stops after LIMIT rows.
        ADD COLUMN name_folded text COLLATE "C",
        ADD COLUMN aliases text[] NOT NULL DEFAULT '{}',
        ADD COLUMN aliases_folded text[] NOT NULL DEFAULT '{}',
        ADD COLUMN genre_text text,
        ADD COLUMN formed_in int,
        ADD COLUMN status text NOT NULL DEFAULT 'UNKNOWN',
        ADD COLUMN metal_archives_url text,
        ADD COLUMN bandcamp_url text;
    `);
    const bands: { id: string; name: string }[] = await runner.query(`SELECT id, name FROM band`);
    for (const band of bands) await runner.query(`UPDATE band SET name_folded = $2 WHERE id = $1`, [band.id, foldName(band.name)]);
    await runner.query(`
      ALTER TABLE band ALTER COLUMN name_folded SET NOT NULL;
      -- Resolution looks names up exactly; autocomplete reads prefixes in order.
      CREATE INDEX band_name_folded_prefix ON band (name_folded);
      -- Typo-tolerant search (%, <%, similarity) and substring search (LIKE '%x%').
      CREATE INDEX band_name_folded_trgm ON band USING gin (name_folded public.gin_trgm_ops);
      CREATE INDEX band_aliases_folded ON band USING gin (aliases_folded);
      CREATE INDEX band_country ON band (country);

      CREATE TABLE label (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        -- One label per folded name: labels rarely share names, and a shared slug makes resolution race-free.
        slug text NOT NULL UNIQUE,
        name_folded text COLLATE "C" NOT NULL,
        country char(2),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX label_name_folded_prefix ON label (name_folded);
      CREATE INDEX label_name_folded_trgm ON label USING gin (name_folded public.gin_trgm_ops);
      CREATE INDEX label_name_id ON label (lower(name), id);

      CREATE TABLE genre (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE band_genre (
        band_id uuid NOT NULL REFERENCES band (id) ON DELETE CASCADE,
        genre_id uuid NOT NULL REFERENCES genre (id) ON DELETE CASCADE,
        PRIMARY KEY (band_id, genre_id)
      );
      CREATE INDEX band_genre_genre ON band_genre (genre_id, band_id);

      -- Labels seen on a band's listings: the strongest evidence between same-name bands.
      CREATE TABLE band_label (
        band_id uuid NOT NULL REFERENCES band (id) ON DELETE CASCADE,
        label_id uuid NOT NULL REFERENCES label (id) ON DELETE CASCADE,
        PRIMARY KEY (band_id, label_id)
      );
      CREATE INDEX band_label_label ON band_label (label_id, band_id);

      -- A merged band's id keeps resolving (to the band it went into) for late references.
      CREATE TABLE band_merge (
        source_id uuid PRIMARY KEY,
        target_id uuid NOT NULL REFERENCES band (id) ON DELETE CASCADE,
        source_name text NOT NULL,
        merged_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX band_merge_target ON band_merge (target_id);

      CREATE TABLE resolution_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        raw_name text NOT NULL,
        reason text NOT NULL,
        candidate_ids uuid[] NOT NULL DEFAULT '{}',
        chosen_band_id uuid,
        distributor_id uuid,
        subject text NOT NULL,
        band_position int NOT NULL DEFAULT 0,
        event_type text,
        event_data jsonb,
        resolved_band_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      );
      -- A listing captured again updates its open review instead of adding another.
      CREATE UNIQUE INDEX resolution_review_open_subject ON resolution_review (subject, kind, band_position) WHERE status = 'OPEN';
      CREATE INDEX resolution_review_status ON resolution_review (status, created_at);

      ALTER TABLE distributor
        ADD COLUMN logo_url text,
        ADD COLUMN auto_created boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      -- Operators tell shops apart by name.
      CREATE UNIQUE INDEX distributor_name_unique ON distributor (lower(name));
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX distributor_name_unique;
      ALTER TABLE distributor DROP COLUMN logo_url, DROP COLUMN auto_created, DROP COLUMN updated_at;
      DROP TABLE resolution_review; DROP TABLE band_merge; DROP TABLE band_label; DROP TABLE band_genre;
      DROP TABLE genre; DROP TABLE label;
      DROP INDEX band_name_folded_prefix; DROP INDEX band_name_folded_trgm; DROP INDEX band_aliases_folded; DROP INDEX band_country;
      ALTER TABLE band DROP COLUMN name_folded, DROP COLUMN aliases, DROP COLUMN aliases_folded, DROP COLUMN genre_text,
        DROP COLUMN formed_in, DROP COLUMN status, DROP COLUMN metal_archives_url, DROP COLUMN bandcamp_url;
    `);
  }
}
