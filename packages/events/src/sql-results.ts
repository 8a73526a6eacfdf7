/**
 * TypeORM returns driver-shaped results from raw queries (rows for SELECT / INSERT RETURNING,
 * [rows, count] for UPDATE / DELETE on node-postgres). Every statement here is written to return
 * rows, and this helper accepts either shape so the code also runs on other Postgres drivers.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Table names are unqualified by default (the subgraph's search_path picks the schema). */
export function qualifiedTable(table: string, schema: string | undefined): string {
  if (!schema) return table;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return `"${schema}".${table}`;
}

export const OUTBOX_TABLE = 'event_outbox';
export const INBOX_TABLE = 'event_inbox';
