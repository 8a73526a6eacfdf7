/** Column names that say "this row belongs to an account": a new table using one is swept too. */
export const PERSONAL_DATA_COLUMNS = ['user_id', 'owner_id', 'created_by'] as const;

export interface PersonalDataSweep {
  /** Every `schema.table.column` that was checked. */
  checked: string[];
  /** Those still holding rows of the account, with how many. */
  remaining: { column: string; rows: number }[];
}

/**
 * Where an account's rows are left in a PostgreSQL schema: every column named like an owner
 * (read from information_schema, not from a list that a new table would escape) is searched for
 * the account's id. `query` runs SQL with positional parameters and answers its rows.
 */
export async function sweepPersonalData(query: (sql: string, parameters: unknown[]) => Promise<unknown>, schema: string, userId: string): Promise<PersonalDataSweep> {
  const columns = (await query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = $1 AND c.column_name = ANY($2::text[]) ORDER BY 1, 2`,
    [schema, [...PERSONAL_DATA_COLUMNS]],
  )) as { table_name: string; column_name: string }[];
  const sweep: PersonalDataSweep = { checked: [], remaining: [] };
  for (const { table_name: table, column_name: column } of columns) {
    const name = `"${schema}"."${table}"."${column}"`;
    const [row] = (await query(`SELECT count(*)::int AS rows FROM "${schema}"."${table}" WHERE "${column}"::text = $1`, [userId])) as { rows: number }[];
    sweep.checked.push(`${schema}.${table}.${column}`);
    if (row && row.rows > 0) sweep.remaining.push({ column: name, rows: row.rows });
  }
  return sweep;
}
