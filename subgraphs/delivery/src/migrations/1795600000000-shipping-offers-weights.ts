import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShippingOffersWeights1795600000000 implements MigrationInterface {
  name = 'ShippingOffersWeights1795600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- One shipping profile per catalog distributor. Zones (countries, rate brackets, carrier,
      -- free-shipping threshold) are one validated document: they are always read and replaced whole.
      CREATE TABLE shipping_profile (
        distributor_id uuid PRIMARY KEY,
        ships_from char(2) NOT NULL,
        currency char(3) NOT NULL,
        handling_fee numeric(12, 2) NOT NULL CHECK (handling_fee >= 0),
        zones jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Shipping weight per format and of the packaging of one parcel (a single row).
      CREATE TABLE parcel_weights (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        packaging_grams integer NOT NULL CHECK (packaging_grams >= 0),
        formats jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Local copy of the releases subgraph's offers, kept from its events: this subgraph never
      -- reads another's tables. last_event_at drops a late, older event.
      CREATE TABLE offer_projection (
        id uuid PRIMARY KEY,
        release_id uuid NOT NULL,
        distributor_id uuid NOT NULL,
        format text NOT NULL,
        price_amount numeric,
        price_currency char(3),
        stock text NOT NULL,
        last_event_at timestamptz NOT NULL
      );
      CREATE INDEX offer_projection_release_idx ON offer_projection (release_id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE offer_projection');
    await runner.query('DROP TABLE parcel_weights');
    await runner.query('DROP TABLE shipping_profile');
  }
}
