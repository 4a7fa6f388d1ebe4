import type { FunctionEnv, Scalar, Value } from '../functions';

/** Values of one statement being evaluated: what compiled closures read. */
export interface State {
  /** Scalar fields by slot (computed ones may hold an error value). */
  s: Value[];
  /** Open tables: t[table][row][column]. */
  t: Value[][][];
  /** Shared aggregates by index. */
  a: Value[];
  /** Context references (`organisme.famille`, `campagne.exercice` ...) by name. */
  c: Record<string, Value>;
  /** Another form's value, by form id and `SHEET.path`. */
  other: (form: string, key: string) => Scalar;
  env: FunctionEnv;
}

/** A compiled expression: reads the state, for the given row in forEach rules (else -1). */
export type Compiled = (state: State, row: number) => Value;
