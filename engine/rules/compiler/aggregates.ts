/**
 * Aggregates over one column or one wildcard, shared by every rule that uses them: SOMME of a
 * column is computed once per change of that column, whatever the number of rules reading it.
 */
import { ExactSum } from '../decimal';
import type { FunctionDef, Value } from '../functions';
import type { State } from './state';

export type AggregateSource = { kind: 'column'; table: number; column: number } | { kind: 'wildcard'; slots: number[] };

export interface SharedAggregate {
  key: string;
  source: AggregateSource;
  compute: (state: State) => Value;
  /** SOMME of a column: can be updated from single-cell changes (old → new) without a rescan. */
  summable: boolean;
}

export class SharedAggregates {
  readonly list: SharedAggregate[] = [];
  private readonly byKey = new Map<string, number>();

  intern(def: FunctionDef, source: AggregateSource): number {
    const key = `${def.name}(${source.kind === 'column' ? `t${source.table}:${source.column}` : source.slots.join(',')})`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.list.push({ key, source, compute: aggregateFunction(def, source), summable: def.name === 'SOMME' && source.kind === 'column' });
    this.byKey.set(key, this.list.length - 1);
    return this.list.length - 1;
  }
}

function aggregateFunction(def: FunctionDef, source: AggregateSource): (state: State) => Value {
  if (source.kind === 'column') {
    const { table, column } = source;
    if (def.name === 'SOMME') return (st) => sumColumn(st.t[table], column);
    return (st) => {
      const rows = st.t[table];
      const values: Value[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = rows[i][column];
      return def.impl([values], st.env, undefined);
    };
  }
  const { slots } = source;
  return (st) => def.impl([slots.map((s) => st.s[s])], st.env, undefined);
}

/** One pass, no allocation: the hot path of table totals. */
function sumColumn(rows: Value[][], column: number): Value {
  return countedSum(rows, column).sum;
}

/** The column's sum (blank when no number) and how many numbers it adds. */
export function countedSum(rows: Value[][], column: number): { sum: Value; count: number } {
  const acc = new ExactSum();
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][column];
    if (typeof v === 'number') {
      acc.add(v);
      count++;
    }
  }
  return { sum: count > 0 ? acc.value() : null, count };
}
