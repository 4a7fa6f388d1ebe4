/**
 * Compiles checked rules into closures and lays them out on a dependency graph of run-time
 * locations: scalar slots, table columns, table row sets, shared aggregates and rules.
 */
import type { FieldLocation, Severity } from '../../api';
import type { FieldDef, RuleDef } from '../../package/model';
import type { CheckResult, CheckedRule } from '../checker';
import type { FunctionRegistry } from '../functions';
import { Graph } from '../graph';
import type { MessageEnvironment, MessageTemplate } from '../messages';
import { SharedAggregates } from './aggregates';
import { compileExpression } from './compileExpr';
import { Reads } from './deps';
import { Layout } from './layout';
import type { Compiled } from './state';

export type Target = { kind: 'scalar'; slot: number; field: FieldDef } | { kind: 'row'; table: number; column: number; field: FieldDef };

export interface CompiledRule {
  def: RuleDef;
  kind: RuleDef['kind'];
  severity: Severity;
  /** Table index of a forEach rule. */
  forEach?: number;
  when?: Compiled;
  expr?: Compiled;
  assert?: Compiled;
  values: Array<{ name: string; fn: Compiled }>;
  target?: Target;
  required: Target[];
  message?: MessageTemplate;
  /** Fields the rule reads or targets, for navigation; `rowFields` get the row of each result. */
  locations: FieldLocation[];
  rowFields: FieldDef[];
  node: number;
}

export const NodeKind = { Scalar: 0, Column: 1, Rows: 2, Aggregate: 3, Rule: 4 } as const;

export interface Plan {
  layout: Layout;
  rules: CompiledRule[];
  aggregates: SharedAggregates;
  graph: Graph;
  kind: Uint8Array;
  /** Per node: slot, table, aggregate index or rule index; for columns see `columnOf`. */
  payload: Int32Array;
  columnOf: Array<{ table: number; column: number } | undefined>;
  /** Topological rank of every node, and the nodes in that order. */
  rank: Int32Array;
  order: number[];
  columnNode: (table: number, column: number) => number;
  rowsNode: (table: number) => number;
  /** rule node → column nodes it reads only through `ligne.` (row-wise propagation). */
  rowWise: Map<number, Set<number>>;
  /** Slots of computed scalar fields. */
  computedSlots: number[];
}

export function buildPlan(checked: CheckResult, registry: FunctionRegistry, messages: MessageEnvironment): Plan {
  const layout = new Layout(checked.index.pkg);
  const aggregates = new SharedAggregates();
  const ctx = { info: checked.info, layout, registry, aggregates };

  const columnBase: number[] = [];
  let next = layout.scalars.length;
  layout.tables.forEach((t) => {
    columnBase.push(next);
    next += t.columns.length;
  });
  const rowsBase = next;
  next += layout.tables.length;
  const columnNode = (table: number, column: number) => columnBase[table] + column;
  const rowsNode = (table: number) => rowsBase + table;

  const compiled: Array<{ rule: CompiledRule; reads: Reads }> = [];
  for (const rule of checked.rules) {
    const reads = new Reads();
    const compile = (ast: CheckedRule['expr']) => (ast ? compileExpression(ast, ctx, reads) : undefined);
    const forEach = rule.forEach ? layout.tableOf(rule.forEach.sheet, rule.forEach.path) : undefined;
    const toTarget = (t: NonNullable<CheckedRule['target']>): Target =>
      t.kind === 'scalar'
        ? { kind: 'scalar', slot: layout.slot(t.field), field: t.field }
        : { kind: 'row', ...layout.cell(t.field), field: t.field };
    const required = rule.fields.map((f) => toTarget(f.ref));
    for (const r of required) {
      if (r.kind === 'scalar') reads.slots.add(r.slot);
      else reads.rowColumns.add(Reads.columnKey(r.table, r.column));
    }
    const compiledRule: CompiledRule = {
      def: rule.def,
      kind: rule.def.kind,
      severity: rule.def.severity ?? (rule.def.kind === 'computed' ? 'info' : 'blocking'),
      forEach,
      when: compile(rule.when),
      expr: compile(rule.expr),
      assert: compile(rule.assert),
      values: rule.values.map((v) => ({ name: v.name, fn: compile(v.ast)! })),
      target: rule.target ? toTarget(rule.target) : undefined,
      required,
      message: typeof rule.def.message === 'string' ? messages.compile(rule.def.message) : undefined,
      locations: [],
      rowFields: [],
      node: -1,
    };
    describeLocations(compiledRule, reads, layout);
    compiled.push({ rule: compiledRule, reads });
  }

  const aggregateBase = next;
  next += aggregates.list.length;
  const ruleBase = next;
  next += compiled.length;
  const graph = new Graph(next);
  const kind = new Uint8Array(next);
  const payload = new Int32Array(next);
  const columnOf: Plan['columnOf'] = new Array(next);
  layout.scalars.forEach((_, slot) => {
    kind[slot] = NodeKind.Scalar;
    payload[slot] = slot;
  });
  layout.tables.forEach((t, table) => {
    t.columns.forEach((_, column) => {
      const node = columnNode(table, column);
      kind[node] = NodeKind.Column;
      payload[node] = table;
      columnOf[node] = { table, column };
    });
    kind[rowsNode(table)] = NodeKind.Rows;
    payload[rowsNode(table)] = table;
  });
  aggregates.list.forEach((agg, i) => {
    const node = aggregateBase + i;
    kind[node] = NodeKind.Aggregate;
    payload[node] = i;
    if (agg.source.kind === 'column') {
      graph.addEdge(columnNode(agg.source.table, agg.source.column), node);
      graph.addEdge(rowsNode(agg.source.table), node);
    } else {
      for (const slot of agg.source.slots) graph.addEdge(slot, node);
    }
  });

  const rowWise = new Map<number, Set<number>>();
  const parseColumn = (key: string) => key.split(':').map(Number) as [number, number];
  compiled.forEach(({ rule, reads }, i) => {
    const node = ruleBase + i;
    rule.node = node;
    kind[node] = NodeKind.Rule;
    payload[node] = i;
    for (const slot of reads.slots) graph.addEdge(slot, node);
    for (const a of reads.aggregates) graph.addEdge(aggregateBase + a, node);
    for (const key of reads.columns) {
      const [table, column] = parseColumn(key);
      graph.addEdge(columnNode(table, column), node);
      graph.addEdge(rowsNode(table), node);
    }
    const wise = new Set<number>();
    for (const key of reads.rowColumns) {
      const [table, column] = parseColumn(key);
      graph.addEdge(columnNode(table, column), node);
      if (!reads.columns.has(key) && table === rule.forEach) wise.add(columnNode(table, column));
    }
    if (wise.size > 0) rowWise.set(node, wise);
    if (rule.forEach !== undefined) graph.addEdge(rowsNode(rule.forEach), node);
    if (rule.target?.kind === 'scalar') graph.addEdge(node, rule.target.slot);
    if (rule.target?.kind === 'row') graph.addEdge(node, columnNode(rule.target.table, rule.target.column));
  });

  const { order, cycles } = graph.topologicalOrder();
  if (cycles.length > 0) throw new Error('cycles must be rejected by the checker');
  const rank = new Int32Array(next);
  order.forEach((node, i) => (rank[node] = i));
  const computedSlots = layout.scalars.flatMap((field, slot) => (field.readOnly ? [slot] : []));
  return {
    layout,
    rules: compiled.map((c) => c.rule),
    aggregates,
    graph,
    kind,
    payload,
    columnOf,
    rank,
    order,
    columnNode,
    rowsNode,
    rowWise,
    computedSlots,
  };
}

function describeLocations(rule: CompiledRule, reads: Reads, layout: Layout): void {
  const seen = new Set<FieldDef>();
  const add = (field: FieldDef, row: boolean) => {
    if (seen.has(field)) return;
    seen.add(field);
    if (row) rule.rowFields.push(field);
    else rule.locations.push({ sheet: field.sheet, path: field.path, code: field.code });
  };
  if (rule.target) add(rule.target.field, rule.target.kind === 'row');
  for (const slot of reads.slots) add(layout.scalars[slot], false);
  for (const key of reads.rowColumns) {
    const [table, column] = key.split(':').map(Number);
    add(layout.tables[table].columns[column], true);
  }
  for (const key of reads.columns) {
    const [table, column] = key.split(':').map(Number);
    add(layout.tables[table].columns[column], false);
  }
  for (const field of reads.listed) add(field, false);
}
