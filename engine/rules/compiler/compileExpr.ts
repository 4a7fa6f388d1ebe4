/**
 * Checked AST → closure. Runs once per package version; evaluation never re-parses or re-checks.
 * Blank (null) and error values follow the rule language's semantics in every operator.
 */
import type { NodeInfo } from '../checker';
import { add, divide, multiply, subtract } from '../decimal';
import { RuleError, isError } from '../functions';
import type { FunctionDef, FunctionRegistry, Value } from '../functions';
import type { BinaryNode, CallNode, Expr } from '../parser';
import { SharedAggregates } from './aggregates';
import { Reads } from './deps';
import type { Layout } from './layout';
import type { Compiled, State } from './state';

export interface CompileContext {
  info: Map<Expr, NodeInfo>;
  layout: Layout;
  registry: FunctionRegistry;
  aggregates: SharedAggregates;
}

/** A list-producing closure: only aggregates' arguments. */
type CompiledList = (state: State, row: number) => Value[];

const DIV_ZERO = new RuleError('DIV_ZERO');

export function compileExpression(ast: Expr, ctx: CompileContext, reads: Reads): Compiled {
  return new ExprCompiler(ctx, reads).compile(ast);
}

class ExprCompiler {
  constructor(
    private readonly ctx: CompileContext,
    private readonly reads: Reads,
  ) {}

  compile(node: Expr): Compiled {
    switch (node.type) {
      case 'Number':
      case 'String':
      case 'Boolean': {
        const value = node.value;
        return () => value;
      }
      case 'Blank':
        return () => null;
      case 'ContextRef': {
        const key = `${node.scope}.${node.name}`;
        return (st) => st.c[key] ?? null;
      }
      case 'RowRef': {
        const ref = this.ctx.info.get(node)?.ref;
        if (ref?.kind !== 'row') throw new Error('unchecked row reference');
        const { table, column } = this.ctx.layout.cell(ref.field);
        this.reads.rowColumns.add(Reads.columnKey(table, column));
        return (st, row) => st.t[table][row][column];
      }
      case 'FieldRef':
        return this.fieldRef(node);
      case 'Unary': {
        const operand = this.compile(node.operand);
        if (node.op === 'NON') {
          return (st, row) => {
            const v = operand(st, row);
            return v === null || isError(v) ? v : !v;
          };
        }
        return (st, row) => {
          const v = operand(st, row);
          return typeof v === 'number' ? (v === 0 ? 0 : -v) : v;
        };
      }
      case 'Binary':
        return this.binary(node);
      case 'Call':
        return this.call(node);
    }
  }

  private fieldRef(node: Expr): Compiled {
    const ref = this.ctx.info.get(node)?.ref;
    if (ref?.kind === 'scalar') {
      const slot = this.ctx.layout.slot(ref.field);
      this.reads.slots.add(slot);
      return (st) => st.s[slot];
    }
    if (ref?.kind === 'otherForm') {
      const { form, key } = ref;
      return (st) => st.other(form, key);
    }
    throw new Error('a list reference outside an aggregate reached the compiler');
  }

  private list(node: Expr): CompiledList | undefined {
    const ref = node.type === 'FieldRef' || node.type === 'ContextRef' ? this.ctx.info.get(node)?.ref : undefined;
    if (ref?.kind === 'column') {
      const { table, column } = this.ctx.layout.cell(ref.field);
      this.reads.columns.add(Reads.columnKey(table, column));
      return (st) => st.t[table].map((r) => r[column]);
    }
    if (ref?.kind === 'wildcard') {
      const slots = ref.fields.map((f) => this.ctx.layout.slot(f));
      slots.forEach((s) => this.reads.slots.add(s));
      return (st) => slots.map((s) => st.s[s]);
    }
    if (node.type === 'ContextRef' && node.scope === 'organisme' && node.name === 'departements') {
      return (st) => (st.c['organisme.departements'] as Value[]) ?? [];
    }
    return undefined;
  }

  private binary(node: BinaryNode): Compiled {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    switch (node.op) {
      case 'ET':
      case 'OU': {
        const dominant = node.op === 'OU';
        return (st, row) => {
          const l = left(st, row);
          if (l === dominant || isError(l)) return l;
          const r = right(st, row);
          if (r === dominant || isError(r)) return r;
          return l === null || r === null ? null : !dominant;
        };
      }
      case '+':
        return arithmetic(left, right, add);
      case '-':
        return arithmetic(left, right, subtract);
      case '*':
        return arithmetic(left, right, multiply);
      case '/':
        return arithmetic(left, right, (a, b) => (b === 0 ? DIV_ZERO : divide(a, b)));
      case '=':
        return comparison(left, right, (a, b) => a === b);
      case '<>':
        return comparison(left, right, (a, b) => a !== b);
      case '<':
        return comparison(left, right, (a, b) => a < b);
      case '<=':
        return comparison(left, right, (a, b) => a <= b);
      case '>':
        return comparison(left, right, (a, b) => a > b);
      case '>=':
        return comparison(left, right, (a, b) => a >= b);
    }
  }

  private call(node: CallNode): Compiled {
    const def = this.ctx.registry.get(node.name);
    if (!def) throw new Error(`unchecked function ${node.name}`);
    if (node.name === 'SI') return this.conditional(node);
    const shared = this.sharedAggregate(def, node);
    if (shared !== undefined) {
      this.reads.aggregates.add(shared);
      return (st) => st.a[shared];
    }
    const prepared = def.prepare?.(node.args);
    const args = node.args.map((arg, i) => this.argument(def, arg, i));
    const propagate = def.blanks === 'propagate';
    const impl = def.impl;
    const n = args.length;
    return (st, row) => {
      const values: Value[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const v = args[i](st, row);
        if (isError(v)) return v;
        if (v === null && propagate) return null;
        values[i] = v;
      }
      return impl(values, st.env, prepared);
    };
  }

  private argument(def: FunctionDef, arg: Expr, index: number): (st: State, row: number) => Value {
    const param = def.params[Math.min(index, def.params.length - 1)];
    if (param.type === 'literal' && arg.type === 'String') {
      const value = arg.value;
      return () => value;
    }
    if (param.type === 'field') {
      const ref = this.ctx.info.get(arg)?.ref;
      const code = ref?.kind === 'scalar' ? ref.field.code : '';
      return () => code;
    }
    if (def.aggregate) {
      const list = this.list(arg);
      if (list) return list;
    }
    return this.compile(arg);
  }

  /** SOMME(T.t.col), NB(S.*.col) ...: one argument that is a column or a wildcard. */
  private sharedAggregate(def: FunctionDef, node: CallNode): number | undefined {
    if (!def.aggregate || node.args.length !== 1 || node.name === 'DANS') return undefined;
    const ref = this.ctx.info.get(node.args[0])?.ref;
    if (ref?.kind === 'column') this.reads.listed.add(ref.field);
    if (ref?.kind === 'wildcard') ref.fields.forEach((f) => this.reads.listed.add(f));
    if (ref?.kind === 'column') {
      const { table, column } = this.ctx.layout.cell(ref.field);
      return this.ctx.aggregates.intern(def, { kind: 'column', table, column });
    }
    if (ref?.kind === 'wildcard') {
      return this.ctx.aggregates.intern(def, { kind: 'wildcard', slots: ref.fields.map((f) => this.ctx.layout.slot(f)) });
    }
    return undefined;
  }

  /** SI evaluates only the branch it takes. */
  private conditional(node: CallNode): Compiled {
    const [condition, whenTrue, whenFalse] = node.args.map((a) => this.compile(a));
    return (st, row) => {
      const c = condition(st, row);
      if (c === null || isError(c)) return c;
      return c ? whenTrue(st, row) : whenFalse ? whenFalse(st, row) : null;
    };
  }
}

function arithmetic(left: Compiled, right: Compiled, op: (a: number, b: number) => Value): Compiled {
  return (st, row) => {
    const l = left(st, row);
    if (typeof l !== 'number') return l === null || isError(l) ? l : null;
    const r = right(st, row);
    if (typeof r !== 'number') return r === null || isError(r) ? r : null;
    const v = op(l, r);
    return v === 0 ? 0 : v; // no negative zero: 0 and -0 must compare and print alike
  };
}

function comparison(left: Compiled, right: Compiled, op: (a: never, b: never) => boolean): Compiled {
  return (st, row) => {
    const l = left(st, row);
    if (l === null || isError(l)) return l;
    const r = right(st, row);
    if (r === null || isError(r)) return r;
    return op(l as never, r as never);
  };
}

export { SharedAggregates, Reads };
