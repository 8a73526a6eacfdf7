import { rowsOf } from '@mrt/events';
import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Column types whose stored form the driver already returns as the entity holds it (strings,
 * numbers, booleans, Dates, parsed json and text arrays). Others (simple-array, simple-json, enum
 * arrays, ...) need TypeORM's own conversion and are refused when a select is built.
 */
const DRIVER_SHAPED = new Set<unknown>([
  'uuid', 'text', 'varchar', 'character varying', 'char', 'citext', 'numeric', 'decimal', 'bigint', 'int', 'integer', 'int4', 'int8',
  'smallint', 'real', 'double precision', 'float', 'boolean', 'bool', 'timestamptz', 'timestamp with time zone', 'timestamp',
  'timestamp without time zone', 'date', 'jsonb', 'json', 'enum', String, Number, Boolean, Date,
]);

type Transformer = NonNullable<EntityMetadata['columns'][number]['transformer']>;

/** As TypeORM applies a column's transformers when it reads: the last one first. */
function fromStored(transformer: Transformer, stored: unknown): unknown {
  return Array.isArray(transformer) ? transformer.reduceRight((value, each) => each.from(value), stored) : transformer.from(stored);
}

interface PlainShape {
  selectList: string;
  table: string;
  columns: { databaseName: string; propertyName: string; transformer: Transformer | undefined }[];
}

const shapes = new WeakMap<EntityMetadata, PlainShape>();

function shapeOf(metadata: EntityMetadata): PlainShape {
  let shape = shapes.get(metadata);
  if (shape) return shape;
  for (const column of metadata.columns) {
    if (column.embeddedMetadata || column.relationMetadata || !DRIVER_SHAPED.has(column.type) || (column.isArray && column.type === 'enum')) {
      throw new Error(`selectEntities: ${metadata.name}.${column.propertyName} (${String(column.type)}) needs TypeORM's own hydration`);
    }
  }
  shape = {
    table: `"${metadata.tableName}"`,
    selectList: metadata.columns.map((column) => `"${column.databaseName}"`).join(', '),
    columns: metadata.columns.map(({ databaseName, propertyName, transformer }) => ({ databaseName, propertyName, transformer })),
  };
  shapes.set(metadata, shape);
  return shape;
}

/**
 * `SELECT <every column> FROM <entity's table> <rest>` mapped to entities without TypeORM's query
 * builder and hydration, which cost more than the statement on pages that read hundreds of rows.
 * The column list comes from the entity's own metadata, so a column added to the entity is read
 * here too. `rest` names columns unqualified (`WHERE id = ANY($1::uuid[]) ORDER BY name`).
 */
export async function selectEntities<E extends ObjectLiteral>(db: DataSource | EntityManager, entity: EntityTarget<E>, rest: string, params: unknown[]): Promise<E[]> {
  const metadata = ('connection' in db ? db.connection : db).getMetadata(entity);
  const { selectList, table, columns } = shapeOf(metadata);
  const rows = rowsOf<Record<string, unknown>>(await db.query(`SELECT ${selectList} FROM ${table} ${rest}`, params));
  return rows.map((row) => {
    const value = metadata.create() as E;
    for (const { databaseName, propertyName, transformer } of columns) {
      const stored = row[databaseName];
      (value as Record<string, unknown>)[propertyName] = transformer ? fromStored(transformer, stored) : stored;
    }
    return value;
  });
}
