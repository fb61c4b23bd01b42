import DataLoader from 'dataloader';
import { requestScoped } from '@sc/auth';

/**
 * A per-request DataLoader under `key`: every `load` in one tick becomes one call to `batch`, and
 * results never cross requests (or sellers). `batch` returns rows; they are matched back by `keyOf`.
 */
export function batchLoader<K extends string, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return requestScoped(
    key,
    () =>
      new DataLoader<K, V | null>(
        async (keys) => {
          const rows = await batch(keys);
          const byKey = new Map(rows.map((row) => [keyOf(row), row]));
          return keys.map((k) => byKey.get(k) ?? null);
        },
        { maxBatchSize: 500 },
      ),
  );
}

/** Like {@link batchLoader} for one-to-many: each key gets every row whose `keyOf` matches. */
export function groupLoader<K extends string, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return requestScoped(
    key,
    () =>
      new DataLoader<K, V[]>(
        async (keys) => {
          const rows = await batch(keys);
          const byKey = new Map<K, V[]>();
          for (const row of rows) byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), row]);
          return keys.map((k) => byKey.get(k) ?? []);
        },
        { maxBatchSize: 500 },
      ),
  );
}
