/**
 * Reads by key, many requests' reads in one query (decision 0304). The reads asked for while the
 * event loop handles one round of ready sockets are sent together when that round ends
 * (`setImmediate`): under load, the sessions and statements of the saves that arrived together
 * cost one round trip, and each query's fixed cost (the socket write, the driver, the ORM) is
 * shared. Nothing is cached: every request still reads the current rows.
 */
import DataLoader from 'dataloader';
import type { AppState } from '../context';

/** A batch never names more keys than this (one `IN (…)` list). */
const MAX_BATCH = 100;

export type Batcher<K, V> = DataLoader<K, V | null>;

/**
 * One batcher per app state and reader: `readMany` gets distinct keys and answers the rows it found
 * by key; a key it did not find reads as null.
 */
export function batcher<K, V>(readMany: (state: AppState, keys: readonly K[]) => Promise<Map<K, V>>): (state: AppState) => Batcher<K, V> {
  const byState = new WeakMap<AppState, Batcher<K, V>>();
  return (state) => {
    let loader = byState.get(state);
    if (!loader) {
      loader = new DataLoader<K, V | null>(
        async (keys) => {
          const found = await readMany(state, keys);
          return keys.map((key) => found.get(key) ?? null);
        },
        { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => setImmediate(run) },
      );
      byState.set(state, loader);
    }
    return loader;
  };
}
