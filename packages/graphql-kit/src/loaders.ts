import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use and keyed by name, so every reference resolver
 * and child list batches its lookups (DESIGN §6.4) without each resolver wiring its own cache.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>, options?: DataLoader.Options<K, V, string>): DataLoader<K, V, string> {
    let loader = this.loaders.get(name) as DataLoader<K, V, string> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, string>(batch, options);
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders rows fetched with `WHERE id IN (...)` back into the order of `keys`, null for missing. */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Rows grouped by key, in their order within each group (keys without rows are absent). */
export function groupRows<K, V>(rows: Iterable<V>, keyOf: (row: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Groups child rows under each parent key, empty list for parents without children. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = groupRows(rows, keyOf);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * A per-request loader of rows by id: the one shape every entity reference and every
 * "parent has an id of another entity" field needs.
 */
export type IdLoader<V> = DataLoader<string, V | null, string>;

export function idLoader<V extends { id: string }>(
  loaders: LoaderRegistry,
  name: string,
  findByIds: (ids: readonly string[]) => Promise<V[]>,
): IdLoader<V> {
  return loaders.get<string, V | null>(name, async (ids) => byKey(ids, await findByIds(ids), (row) => row.id));
}
