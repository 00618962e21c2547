import DataLoader from "dataloader";

/** Per-request DataLoaders, created on first use under a name and dropped with the request. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>,
    options?: DataLoader.Options<K, V, any>,
  ): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V, any>(batch, options);
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders rows to match keys (DataLoader's contract); a missing key gets `missing`. */
export function alignByKey<K, V, M = null>(
  keys: readonly K[],
  rows: V[],
  keyOf: (row: V) => K,
  missing: M = null as M,
): (V | M)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => (byKey.has(key) ? byKey.get(key)! : missing));
}

/** Groups rows under each key, in key order; a key with no rows gets []. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}
