/**
 * Slices of a large fiche for lazy mounting (decision 0601). Fiches up to LAZY_FROM fields are
 * drawn whole, as before: every real fiche so far is well under it.
 */
import { fieldKey } from './keys';
import type { LeafPlan } from './layout';

export const LAZY_FROM = 200;
/** Bilan lines (grid rows) per slice. */
export const ROWS_PER_CHUNK = 10;
/** Fields per slice in a fiche drawn as fields and fieldsets. */
export const FIELDS_PER_CHUNK = 40;

export interface Chunk<T> {
  items: T[];
  /** Position of the slice's first item among all items, from 0. */
  start: number;
  keys: string[];
  paths: Set<string>;
}

/** Cuts `items` into slices of about `size` fields, never splitting an item. */
export function chunkItems<T>(sheet: string, items: T[], leavesOf: (item: T) => LeafPlan[], size: number): Array<Chunk<T>> {
  const out: Array<Chunk<T>> = [];
  let current: Chunk<T> | null = null;
  let count = 0;
  items.forEach((item, index) => {
    const leaves = leavesOf(item);
    if (!current || count + leaves.length > size) {
      current = { items: [], start: index, keys: [], paths: new Set() };
      out.push(current);
      count = 0;
    }
    current.items.push(item);
    count += leaves.length;
    for (const l of leaves) {
      current.keys.push(fieldKey(sheet, l.path));
      current.paths.add(l.path);
    }
  });
  return out;
}
