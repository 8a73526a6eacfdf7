import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Releases as the pipeline builds them: matching keys, every band of a split, the date with its
 * precision, label and genres, offers per shop with their price history, and the denormalised
 * price summary (lowest price, offer count) that PRICE_ASC and OFFER_COUNT_DESC page on.
 */
export class OffersAndMatching1796000000000 implements MigrationInterface {
  name = 'OffersAndMatching1796000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE release
        ADD COLUMN band_ids uuid[],
        ADD COLUMN band_names text[] NOT NULL DEFAULT '{}',
        ADD COLUMN canonical_title text,
        ADD COLUMN search_text text NOT NULL DEFAULT '',
        ADD COLUMN release_date_precision text,
        ADD COLUMN release_date_text text,
        ADD COLUMN label_id uuid,
        ADD COLUMN genre_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN cover_url text,
        ADD COLUMN reissue boolean NOT NULL DEFAULT false,
        ADD COLUMN lowest_price_amount numeric,
        ADD COLUMN lowest_price_currency text,
        ADD COLUMN offer_count integer NOT NULL DEFAULT 0;
      -- Millisecond timestamps: a NEWEST cursor carries a JS Date, which has no microseconds.
      ALTER TABLE release ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now());
      UPDATE release SET
        created_at = date_trunc('milliseconds', created_at),
        band_ids = ARRAY[band_id],
        canonical_title = lower(title),
        search_text = lower(title),
        release_date_precision = CASE WHEN release_date IS NULL THEN NULL ELSE 'DAY' END;
      ALTER TABLE release ALTER COLUMN band_ids SET NOT NULL, ALTER COLUMN canonical_title SET NOT NULL;

      -- One release per (first band, canonical title, reissue): the matching key, and the row lock
      -- that serialises two listings of the same album.
      CREATE UNIQUE INDEX release_match ON release (band_id, canonical_title, reissue);
      CREATE INDEX release_band_ids ON release USING gin (band_ids);
      CREATE INDEX release_genre_ids ON release USING gin (genre_ids);
      CREATE INDEX release_label ON release (label_id, id) WHERE label_id IS NOT NULL;
      CREATE INDEX release_search ON release USING gin (search_text public.gin_trgm_ops);
      CREATE INDEX release_date_desc ON release ((coalesce(release_date, '0001-01-01'::date)) DESC, id DESC);
      CREATE INDEX release_date_asc ON release ((coalesce(release_date, '9999-12-31'::date)), id);
      CREATE INDEX release_price ON release ((coalesce(lowest_price_amount, 1e15)), id);
      CREATE INDEX release_offer_count ON release (offer_count DESC, id DESC);

      CREATE TABLE offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_id uuid NOT NULL REFERENCES release (id) ON DELETE CASCADE,
        distributor_id uuid NOT NULL,
        -- (distributor, sku) when the shop has SKUs, else (distributor, url): "sku:..." / "url:...".
        identity text NOT NULL,
        source_id uuid NOT NULL,
        external_id text NOT NULL,
        sku text,
        url text NOT NULL,
        format text NOT NULL,
        variant text,
        price_amount numeric,
        price_currency text,
        stock text NOT NULL,
        content_hash text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        CHECK ((price_amount IS NULL) = (price_currency IS NULL))
      );
      CREATE UNIQUE INDEX offer_identity ON offer (distributor_id, identity);
      CREATE INDEX offer_listing ON offer (source_id, external_id);
      -- Release.offers for a page of releases, and the EXISTS of offer filters.
      CREATE INDEX offer_release ON offer (release_id, price_amount) WHERE removed_at IS NULL;
      CREATE INDEX offer_active_filter ON offer (format, stock, release_id) WHERE removed_at IS NULL;

      CREATE TABLE offer_price_point (
        id bigserial PRIMARY KEY,
        offer_id uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
        price_amount numeric,
        price_currency text,
        stock text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX offer_price_point_offer ON offer_price_point (offer_id, at DESC, id DESC);

      -- release.out_today at most once per release and day, however often the job runs.
      CREATE TABLE release_out_today (
        release_id uuid NOT NULL REFERENCES release (id) ON DELETE CASCADE,
        day date NOT NULL,
        PRIMARY KEY (release_id, day)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE release_out_today;
      DROP TABLE offer_price_point;
      DROP TABLE offer;
      DROP INDEX release_match, release_band_ids, release_genre_ids, release_label, release_search,
        release_date_desc, release_date_asc, release_price, release_offer_count;
      ALTER TABLE release
        DROP COLUMN band_ids, DROP COLUMN band_names, DROP COLUMN canonical_title, DROP COLUMN search_text,
        DROP COLUMN release_date_precision, DROP COLUMN release_date_text, DROP COLUMN label_id,
        DROP COLUMN genre_ids, DROP COLUMN cover_url, DROP COLUMN reissue, DROP COLUMN lowest_price_amount,
        DROP COLUMN lowest_price_currency, DROP COLUMN offer_count;
      ALTER TABLE release ALTER COLUMN created_at SET DEFAULT now();
    `);
  }
}
