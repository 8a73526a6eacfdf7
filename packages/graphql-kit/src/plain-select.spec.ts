import { afterAll, describe, expect, it } from 'vitest';
import { Column, Entity, PrimaryGeneratedColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { openDatabase, type Database, type DatabaseLocation } from '@mrt/platform';
import { dropSchema, testEnv, uniqueName } from '@mrt/platform/testing';
import { selectEntities } from './plain-select.js';

/** Every kind of column the stores read this way, each under a database name unlike its property. */
@Entity('plain_thing')
class PlainThing {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('char', { name: 'country_code', length: 2, nullable: true })
  countryCode!: string | null;

  @Column('int', { name: 'formed_in', nullable: true })
  formedIn!: number | null;

  @Column('numeric', { name: 'price_amount', precision: 12, scale: 2, nullable: true })
  priceAmount!: string | null;

  @Column('text', { name: 'alias_list', array: true, default: () => `'{}'` })
  aliasList!: string[];

  @Column('jsonb', { name: 'zone_rules' })
  zoneRules!: { countries: string[]; fee: string }[];

  @Column('boolean', { name: 'auto_created', default: false })
  autoCreated!: boolean;

  @Column('timestamptz', { name: 'seen_at', nullable: true })
  seenAt!: Date | null;

  /** Read through a transformer, as TypeORM applies it. */
  @Column('text', { name: 'upper_tag', transformer: { from: (stored: string) => stored.toUpperCase(), to: (value: string) => value } })
  upperTag!: string;
}

@Entity('plain_odd')
class PlainOdd {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('simple-array')
  tags!: string[];
}

class CreatePlainThings1700000000001 implements MigrationInterface {
  name = 'CreatePlainThings1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE plain_thing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        display_name text NOT NULL,
        country_code char(2),
        formed_in int,
        price_amount numeric(12, 2),
        alias_list text[] NOT NULL DEFAULT '{}',
        zone_rules jsonb NOT NULL,
        auto_created boolean NOT NULL DEFAULT false,
        seen_at timestamptz,
        upper_tag text NOT NULL
      );
      CREATE TABLE plain_odd (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tags text NOT NULL);`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE plain_thing; DROP TABLE plain_odd');
  }
}

const { TEST_DATABASE_URL } = testEnv();
const opened: Database[] = [];
const schemas: string[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  for (const schema of schemas) await dropSchema(TEST_DATABASE_URL, schema);
});

const locations: [string, () => DatabaseLocation][] = [
  ['postgres', () => ({ kind: 'postgres', url: TEST_DATABASE_URL, poolSize: 2 })],
  ['embedded PGlite', () => ({ kind: 'embedded', dataDir: `memory://${uniqueName('pglite')}` })],
];

describe.each(locations)('selectEntities on %s', (_label, location) => {
  it('reads every column as the repository would, in the order asked, and refuses columns it cannot shape', async () => {
    const schema = uniqueName('plain');
    schemas.push(schema);
    const db = await openDatabase({ location: location(), schema, entities: [PlainThing, PlainOdd], migrations: [CreatePlainThings1700000000001] });
    opened.push(db);
    const things = db.dataSource.getRepository(PlainThing);
    await things.insert([
      {
        displayName: 'Mgła',
        countryCode: 'PL',
        formedIn: 2000,
        priceAmount: '19.90',
        aliasList: ['Mgla', 'MGŁA'],
        zoneRules: [{ countries: ['DE', 'AT'], fee: '6.49' }],
        autoCreated: true,
        seenAt: new Date('2026-11-30T10:15:00.123Z'),
        upperTag: 'black',
      },
      { displayName: 'Bolt Thrower', countryCode: null, formedIn: null, priceAmount: null, aliasList: [], zoneRules: [], seenAt: null, upperTag: 'death' },
      { displayName: 'Akhlys', priceAmount: '1234567890.05', zoneRules: [{ countries: ['*'], fee: '0.00' }], upperTag: 'dark' },
    ]);
    const all = await things.find();
    const ids = all.map((thing) => thing.id);

    const plain = await selectEntities(db.dataSource, PlainThing, 'WHERE id = ANY($1::uuid[]) ORDER BY display_name', [ids]);
    const byRepository = await things.find({ order: { displayName: 'ASC' } });
    expect(plain.map((thing) => thing.displayName)).toEqual(['Akhlys', 'Bolt Thrower', 'Mgła']);
    expect(plain).toEqual(byRepository);
    expect(plain.every((thing) => thing instanceof PlainThing)).toBe(true);
    // Exact decimals and the transformer's reading, not just equal by accident.
    expect(plain.map((thing) => [thing.priceAmount, thing.upperTag])).toEqual([['1234567890.05', 'DARK'], [null, 'DEATH'], ['19.90', 'BLACK']]);

    // Inside a transaction too, through its manager.
    await db.dataSource.transaction(async (manager) => {
      expect(await selectEntities(manager, PlainThing, 'WHERE id = $1', [ids[0]])).toEqual([all[0]]);
    });
    expect(await selectEntities(db.dataSource, PlainThing, 'WHERE id = ANY($1::uuid[])', [[]])).toEqual([]);

    await expect(selectEntities(db.dataSource, PlainOdd, '', [])).rejects.toThrow(/PlainOdd\.tags \(simple-array\) needs TypeORM's own hydration/);
  });
});
