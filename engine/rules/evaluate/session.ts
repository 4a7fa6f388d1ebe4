/**
 * An evaluation session over one statement: a full run at start, then incremental updates.
 * A change marks its dependants dirty; nodes are recomputed in topological order and their
 * dependants are marked only when their value really changed. Row-level rules that read a
 * column through `ligne.` are recomputed for the changed rows only.
 */
import type { Answers, EvaluationContext, FieldChange, Justifications, Report } from '../../api';
import { NodeKind, countedSum } from '../compiler';
import type { CompiledRule, Plan, State, TableLayout } from '../compiler';
import { isError } from '../functions';
import { add, subtract } from '../decimal';
import type { Value } from '../functions';
import { DirtyQueue } from '../graph';
import { columnKey, loadRows, loadState, normalise, readPath, readSegments } from './load';
import type { Outcome } from './outcome';
import { buildControls, patchControls, summarise } from './report';
import type { ControlList, Results } from './report';
import { computeValue, outcomesOf, sameValue } from './rules';

type Rows = Set<number> | 'all';
const out = (v: Value): unknown => (isError(v) ? null : v);

export class Session {
  private readonly st: State;
  private readonly results: Results;
  private readonly queue: DirtyQueue;
  private readonly dirtyRows = new Map<number, Rows>();
  /** The caller's answers until the first edit, then our own copy (full evaluations never copy). */
  private input: Answers;
  private ownsInput = false;
  private controls: ControlList | undefined;
  /** Rules recomputed since the last report. */
  private readonly touched = new Set<number>();
  private computedCache: Answers | undefined;
  /** Summable aggregates: how many numbers they add, and pending (old, new) cell changes. */
  private readonly numbersSummed: Int32Array;
  private readonly pendingCells = new Map<number, Value[]>();

  constructor(
    private readonly plan: Plan,
    answers: Answers,
    ctx: EvaluationContext,
  ) {
    this.st = loadState(plan.layout, answers, ctx, plan.aggregates.list.length);
    this.input = answers;
    this.results = plan.rules.map(() => []);
    this.queue = new DirtyQueue(plan.rank);
    this.numbersSummed = new Int32Array(plan.aggregates.list.length);
    this.fullRun();
  }

  /** Sets one input cell; returns the computed fields it changed. */
  set(sheet: string, path: string, row: number | undefined, value: unknown): FieldChange[] {
    const { layout } = this.plan;
    const slot = layout.slotOf(sheet, path);
    const changes: FieldChange[] = [];
    if (slot !== undefined && row === undefined) {
      const field = layout.scalars[slot];
      if (field.readOnly) return changes;
      const v = normalise(field, value);
      writePath(this.ownInput(), sheet, path, value);
      if (sameValue(this.st.s[slot], v)) return changes;
      this.st.s[slot] = v;
      this.markDependants(slot, 'all');
    } else {
      const { table, column, field } = this.locateCell(sheet, path, row);
      const rows = this.st.t[table];
      if (field.readOnly || row === undefined || row < 0 || row >= rows.length) return changes;
      const v = normalise(field, value);
      writeCell(this.ownInput(), layout.tables[table].def, row, columnKey(layout.tables[table], column), value);
      const old = rows[row][column];
      if (sameValue(old, v)) return changes;
      rows[row][column] = v;
      this.markCells(this.plan.columnNode(table, column), row, old, v);
    }
    this.propagate(changes);
    return changes;
  }

  /** Replaces the rows of an open table (rows added, removed or pasted). */
  setRows(sheet: string, tablePath: string, rows: unknown[]): FieldChange[] {
    const table = this.plan.layout.tableOf(sheet, tablePath);
    if (table === undefined) throw new Error(`unknown table ${sheet}.${tablePath}`);
    const changes: FieldChange[] = [];
    this.replaceRows(table, loadRows(this.plan.layout.tables[table], rows), changes);
    writePath(this.ownInput(), sheet, tablePath, clonePlain(rows));
    this.propagate(changes);
    return changes;
  }

  /**
   * Replaces a whole sheet's answers, as a save does: only the cells that differ propagate, so
   * re-checking a saved sheet costs what the edit touched, not a full run.
   */
  setSheet(sheet: string, data: unknown): FieldChange[] {
    const { layout } = this.plan;
    const changes: FieldChange[] = [];
    const segments = layout.segments;
    layout.scalars.forEach((field, slot) => {
      if (field.sheet !== sheet || field.readOnly) return;
      const v = normalise(field, readSegments(data, segments[slot]));
      if (sameValue(this.st.s[slot], v)) return;
      this.st.s[slot] = v;
      this.markDependants(slot, 'all');
    });
    layout.tables.forEach((tl, table) => {
      if (tl.def.sheet !== sheet) return;
      const next = loadRows(tl, readPath(data, tl.def.path));
      if (!sameInputRows(tl, this.st.t[table], next)) this.replaceRows(table, next, changes);
    });
    this.ownInput()[sheet] = clonePlain(data) as Answers[string];
    this.propagate(changes);
    return changes;
  }

  /** Puts new rows in place of a table's, keeping old computed values so changes are reported against them. */
  private replaceRows(table: number, next: Value[][], changes: FieldChange[]): void {
    const tl = this.plan.layout.tables[table];
    const previous = this.st.t[table];
    tl.columns.forEach((field, c) => {
      if (!field.readOnly) return;
      next.forEach((r, i) => (r[c] = previous[i]?.[c] ?? null));
      for (let i = next.length; i < previous.length; i++) {
        if (previous[i][c] !== null) changes.push({ sheet: tl.def.sheet, path: field.path, row: i, old: out(previous[i][c]), new: null });
      }
    });
    this.st.t[table] = next;
    this.computedCache = undefined;
    this.markDependants(this.plan.rowsNode(table), 'all');
    tl.columns.forEach((_, c) => this.markDependants(this.plan.columnNode(table, c), 'all'));
  }

  report(justifications?: Justifications): Report {
    if (!this.controls) this.controls = buildControls(this.plan, this.st, this.results);
    else if (this.touched.size > 0) this.controls = patchControls(this.controls, this.plan, this.st, this.results, this.touched);
    this.touched.clear();
    this.computedCache ??= deepFreeze(this.computed());
    // Computed values are frozen and shared between reports.
    return summarise(this.controls, this.computedCache, justifications);
  }

  /** Input answers with every computed field filled in. */
  answers(): Answers {
    const answers = clonePlain(this.input) as Answers;
    const { layout } = this.plan;
    layout.scalars.forEach((field, slot) => {
      if (field.readOnly) writePath(answers, field.sheet, field.path, out(this.st.s[slot]));
    });
    layout.tables.forEach((tl, table) => {
      tl.columns.forEach((field, c) => {
        if (!field.readOnly) return;
        this.st.t[table].forEach((row, i) => writeCell(answers, tl.def, i, columnKey(tl, c), out(row[c])));
      });
    });
    return answers;
  }

  private ownInput(): Answers {
    if (!this.ownsInput) {
      this.input = clonePlain(this.input) as Answers;
      this.ownsInput = true;
    }
    return this.input;
  }

  private computed(): Answers {
    const computed: Answers = {};
    const put = (sheet: string, path: string, value: unknown) => ((computed[sheet] ??= {})[path] = value);
    const { layout } = this.plan;
    for (const slot of this.plan.computedSlots) put(layout.scalars[slot].sheet, layout.scalars[slot].path, out(this.st.s[slot]));
    layout.tables.forEach((tl, table) =>
      tl.columns.forEach(
        (field, c) =>
          field.readOnly &&
          put(
            field.sheet,
            field.path,
            this.st.t[table].map((r) => out(r[c])),
          ),
      ),
    );
    return computed;
  }

  private fullRun(): void {
    const { plan, st } = this;
    for (const node of plan.order) {
      const kind = plan.kind[node];
      if (kind === NodeKind.Aggregate) st.a[plan.payload[node]] = this.computeAggregate(plan.payload[node]);
      else if (kind === NodeKind.Rule) this.evaluateRule(plan.payload[node], 'all', null);
    }
  }

  private propagate(changes: FieldChange[]): void {
    const { plan, st, queue } = this;
    while (!queue.isEmpty) {
      const node = queue.pop();
      const rows = this.dirtyRows.get(node) ?? 'all';
      this.dirtyRows.delete(node);
      const kind = plan.kind[node];
      if (kind === NodeKind.Aggregate) {
        const i = plan.payload[node];
        const pending = this.pendingCells.get(node);
        this.pendingCells.delete(node);
        const v = pending && rows !== 'all' ? this.applyCellChanges(i, pending) : this.computeAggregate(i);
        if (!sameValue(st.a[i], v)) {
          st.a[i] = v;
          this.markDependants(node, 'all');
        }
      } else if (kind === NodeKind.Rule) {
        this.evaluateRule(plan.payload[node], rows, changes);
      }
    }
  }

  /** Recomputes a rule for the given rows; computed rules write their target and mark on change. */
  private evaluateRule(index: number, rows: Rows, changes: FieldChange[] | null): void {
    const rule = this.plan.rules[index];
    const { st } = this;
    const perRow = this.results[index];
    if (changes) this.touched.add(index);
    if (rule.forEach === undefined) {
      if (rule.target?.kind === 'scalar') {
        const v = computeValue(rule, st, -1);
        perRow[0] = errorOutcome(v);
        const slot = rule.target.slot;
        if (!sameValue(st.s[slot], v)) {
          changes?.push({ sheet: rule.target.field.sheet, path: rule.target.field.path, old: out(st.s[slot]), new: out(v) });
          st.s[slot] = v;
          this.computedCache = undefined;
          if (changes) this.markDependants(slot, 'all');
        }
      } else {
        perRow[0] = keepUnchanged(perRow[0], outcomesOf(rule, st, -1));
      }
      return;
    }
    const count = st.t[rule.forEach].length;
    if (rows === 'all') perRow.length = count;
    const changed: Value[] = [];
    const visit = (row: number) =>
      rule.target
        ? this.computeRow(rule, row, perRow, changed, changes)
        : (perRow[row] = keepUnchanged(perRow[row], outcomesOf(rule, st, row)));
    if (rows === 'all') for (let row = 0; row < count; row++) visit(row);
    else for (const row of rows) if (row < count) visit(row);
    if (changes && changed.length > 0 && rule.target?.kind === 'row') {
      this.markCells(this.plan.columnNode(rule.target.table, rule.target.column), ...changed);
    }
  }

  /** `changed` collects (row, old, new) triples of the target column. */
  private computeRow(rule: CompiledRule, row: number, perRow: Outcome[][], changed: Value[], changes: FieldChange[] | null): void {
    const target = rule.target!;
    if (target.kind !== 'row') return;
    const v = computeValue(rule, this.st, row);
    perRow[row] = errorOutcome(v);
    const cells = this.st.t[target.table][row];
    if (sameValue(cells[target.column], v)) return;
    changes?.push({ sheet: target.field.sheet, path: target.field.path, row, old: out(cells[target.column]), new: out(v) });
    changed.push(row, cells[target.column], v);
    cells[target.column] = v;
    this.computedCache = undefined;
  }

  private markDependants(node: number, rows: Rows): void {
    for (const dependant of this.plan.graph.dependantsOf(node)) this.mark(dependant, node, rows);
  }

  private mark(dependant: number, node: number, rows: Rows): void {
    const current = this.dirtyRows.get(dependant);
    if (rows !== 'all' && this.plan.rowWise.get(dependant)?.has(node)) {
      if (current === undefined) this.dirtyRows.set(dependant, new Set(rows));
      else if (current !== 'all') for (const r of rows) current.add(r);
    } else if (current !== 'all') {
      this.dirtyRows.set(dependant, 'all');
    }
    this.queue.push(dependant);
  }

  /**
   * Cells of one column changed, given as (row, old, new) triples: summable aggregates take the
   * differences, row-level rules the rows, everything else recomputes.
   */
  private markCells(node: number, ...cells: Value[]): void {
    const { plan } = this;
    const rows = new Set<number>();
    for (let k = 0; k < cells.length; k += 3) rows.add(cells[k] as number);
    for (const dependant of plan.graph.dependantsOf(node)) {
      const summable = plan.kind[dependant] === NodeKind.Aggregate && plan.aggregates.list[plan.payload[dependant]].summable;
      const current = this.dirtyRows.get(dependant);
      if (!summable || current === 'all') {
        this.mark(dependant, node, rows);
        continue;
      }
      const pending = this.pendingCells.get(dependant) ?? [];
      for (let k = 0; k < cells.length; k += 3) pending.push(cells[k + 1], cells[k + 2]);
      this.pendingCells.set(dependant, pending);
      if (current === undefined) this.dirtyRows.set(dependant, rows);
      this.queue.push(dependant);
    }
  }

  private computeAggregate(index: number): Value {
    const aggregate = this.plan.aggregates.list[index];
    if (!aggregate.summable || aggregate.source.kind !== 'column') return aggregate.compute(this.st);
    const { sum, count } = countedSum(this.st.t[aggregate.source.table], aggregate.source.column);
    this.numbersSummed[index] = count;
    return sum;
  }

  /** SOMME of a column after (old, new) cell changes: exact differences, no rescan. */
  private applyCellChanges(index: number, pending: Value[]): Value {
    let sum = this.st.a[index];
    let count = this.numbersSummed[index];
    for (let k = 0; k < pending.length; k += 2) {
      const [old, next] = [pending[k], pending[k + 1]];
      if (typeof old === 'number') {
        sum = subtract(sum as number, old);
        count--;
      }
      if (typeof next === 'number') {
        sum = count === 0 ? next : add(sum as number, next);
        count++;
      }
    }
    this.numbersSummed[index] = count;
    return count === 0 ? null : sum === 0 ? 0 : sum;
  }

  private locateCell(sheet: string, path: string, row: number | undefined) {
    const { layout } = this.plan;
    for (const [table, tl] of layout.tables.entries()) {
      if (tl.def.sheet !== sheet || !path.startsWith(`${tl.def.path}.`)) continue;
      const column = tl.columnIndex.get(path.slice(tl.def.path.length + 1));
      if (column !== undefined) return { table, column, field: tl.columns[column] };
    }
    throw new Error(`unknown field ${sheet}.${path}${row === undefined ? '' : `[${row}]`}`);
  }
}

/**
 * Keeps the previous outcomes (and their built results) when nothing visible changed: same
 * statuses, none with a message. Saves rebuilding results for rules that still pass.
 */
function keepUnchanged(previous: Outcome[] | undefined, fresh: Outcome[]): Outcome[] {
  if (!previous || previous.length !== fresh.length) return fresh;
  for (let i = 0; i < fresh.length; i++) {
    const status = fresh[i].status;
    if (status !== previous[i].status || status === 'fail' || status === 'error' || fresh[i].field !== previous[i].field) return fresh;
  }
  return previous;
}

/** Whether two loads of a table hold the same input cells (computed columns are not compared). */
function sameInputRows(tl: TableLayout, a: Value[][], b: Value[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++)
    for (let c = 0; c < tl.columns.length; c++) if (!tl.columns[c].readOnly && !sameValue(a[r][c], b[r][c])) return false;
  return true;
}

function errorOutcome(v: Value): Outcome[] {
  return isError(v) ? [{ status: 'error', error: v.code }] : [];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Deep copy of JSON-like data, dropping prototype-bearing keys. */
function clonePlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clonePlain);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    copy[key] = clonePlain((value as Record<string, unknown>)[key]);
  }
  return copy;
}

function writePath(answers: Answers, sheet: string, path: string, value: unknown): void {
  let current: Record<string, unknown> = (answers[sheet] ??= {});
  const segments = path.split('.');
  for (const segment of segments.slice(0, -1)) {
    const nextValue = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
    current = (typeof nextValue === 'object' && nextValue !== null ? nextValue : (current[segment] = {})) as Record<string, unknown>;
  }
  current[segments[segments.length - 1]] = value;
}

function writeCell(answers: Answers, table: { sheet: string; path: string }, row: number, column: string, value: unknown): void {
  const sheet = (answers[table.sheet] ??= {});
  const rows =
    Object.prototype.hasOwnProperty.call(sheet, table.path) && Array.isArray(sheet[table.path])
      ? (sheet[table.path] as unknown[])
      : (sheet[table.path] = []);
  while (rows.length <= row) rows.push({});
  if (typeof rows[row] !== 'object' || rows[row] === null) rows[row] = {};
  (rows[row] as Record<string, unknown>)[column] = value;
}
