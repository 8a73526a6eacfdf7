/**
 * A PostgreSQL array literal of uuids: one element of a text[] parameter cast back per row, for
 * unnest() rows whose arrays differ in length (a uuid[][] parameter must be rectangular).
 */
export function uuidArrayLiteral(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}
