/**
 * Types one expression against the package: resolves references, checks functions and operand
 * types, and records each node's type and resolution. Collects every problem; never throws.
 */
import type { TableDef } from '../../package/model';
import type { FunctionRegistry, ParamType, Type } from '../functions';
import { assignable, elementType, isListType, parseIsoDate, typeLabel } from '../functions';
import type { Span } from '../lexer';
import type { BinaryNode, CallNode, Expr, FieldRefNode } from '../parser';
import type { RuleDiagnosticCode } from './catalogue';
import { CONTEXT_TYPES } from './context';
import { PackageIndex, columnName, scalarTypeOf } from './packageIndex';
import type { Resolved } from './packageIndex';
import { checkRegexSafety } from '../../regex';

export interface NodeInfo {
  type: Type;
  ref?: Resolved;
}

export interface ExprProblem {
  code: RuleDiagnosticCode;
  span: Span;
  params: Record<string, string>;
}

export interface ExprScope {
  index: PackageIndex;
  registry: FunctionRegistry;
  /** The table of a forEach rule: enables `ligne.col`. */
  forEach?: TableDef;
}

const ORDERED = new Set<Type>(['number', 'string', 'date']);

export class TypeChecker {
  constructor(
    private readonly scope: ExprScope,
    private readonly info: Map<Expr, NodeInfo>,
    private readonly problems: ExprProblem[],
  ) {}

  /** Type of a scalar position: a list here is reported (it belongs in an aggregate). */
  scalar(node: Expr): Type {
    const type = this.check(node);
    if (isListType(type)) {
      this.report('RULE_COLUMN_OUTSIDE_AGGREGATE', node.span, { ref: describe(node) });
      return 'unknown';
    }
    return type;
  }

  /** Checks `node` and requires `expected` (a scalar type). */
  expect(node: Expr, expected: Type): Type {
    const type = this.scalar(node);
    if (!assignable(type, expected)) this.mismatch(node.span, expected, type);
    return type;
  }

  check(node: Expr): Type {
    const type = this.infer(node);
    const known = this.info.get(node);
    if (known) known.type = type;
    else this.info.set(node, { type });
    return type;
  }

  private infer(node: Expr): Type {
    switch (node.type) {
      case 'Number':
        return 'number';
      case 'String':
        return 'string';
      case 'Boolean':
        return 'boolean';
      case 'Blank':
        return 'blank';
      case 'FieldRef':
        return this.fieldRef(node);
      case 'RowRef': {
        const table = this.scope.forEach;
        if (!table) return this.fail('RULE_ROW_OUTSIDE_FOREACH', node.span, { column: node.column });
        const field = this.scope.index.column(table, node.column);
        if (!field) return this.fail('RULE_UNKNOWN_FIELD', node.span, { ref: `ligne.${node.column}` });
        this.info.set(node, { type: 'unknown', ref: { kind: 'row', field, table } });
        return scalarTypeOf(field);
      }
      case 'ContextRef': {
        const scope = Object.prototype.hasOwnProperty.call(CONTEXT_TYPES, node.scope) ? CONTEXT_TYPES[node.scope] : undefined;
        const type = scope && Object.prototype.hasOwnProperty.call(scope, node.name) ? scope[node.name] : undefined;
        return type ?? this.fail('RULE_UNKNOWN_CONTEXT', node.span, { ref: `${node.scope}.${node.name}` });
      }
      case 'Unary':
        return node.op === 'NON' ? (this.expect(node.operand, 'boolean'), 'boolean') : (this.expect(node.operand, 'number'), 'number');
      case 'Binary':
        return this.binary(node);
      case 'Call':
        return this.call(node);
    }
  }

  private fieldRef(node: FieldRefNode): Type {
    const { index } = this.scope;
    const ref = () => [node.sheet, ...node.path].join('.');
    if (node.form !== undefined) {
      // Another form's fields are not known here: accepted as written, typed on use.
      this.info.set(node, { type: 'unknown', ref: { kind: 'otherForm', form: node.form, key: ref() } });
      return 'unknown';
    }
    if (!index.sheets.has(node.sheet)) return this.fail('RULE_UNKNOWN_SHEET', node.span, { sheet: node.sheet });
    if (node.path[0] === '*') {
      const fields = node.path.length === 2 ? index.wildcard(node.sheet, node.path[1]) : [];
      if (fields.length === 0) return this.fail('RULE_UNKNOWN_FIELD', node.span, { ref: ref() });
      this.info.set(node, { type: 'unknown', ref: { kind: 'wildcard', sheet: node.sheet, column: node.path[1], fields } });
      return `list<${scalarTypeOf(fields[0])}>`;
    }
    const path = node.path.length === 1 ? node.path[0] : node.path.join('.');
    const field = index.field(node.sheet, path);
    if (field?.table) {
      const table = index.table(node.sheet, field.table)!;
      this.info.set(node, { type: 'unknown', ref: { kind: 'column', field, table } });
      return `list<${scalarTypeOf(field)}>`;
    }
    if (field) {
      this.info.set(node, { type: 'unknown', ref: { kind: 'scalar', field } });
      return scalarTypeOf(field);
    }
    if (index.table(node.sheet, path)) return this.fail('RULE_TABLE_AS_VALUE', node.span, { ref: ref() });
    return this.fail('RULE_UNKNOWN_FIELD', node.span, { ref: ref() });
  }

  private binary(node: BinaryNode): Type {
    switch (node.op) {
      case 'ET':
      case 'OU':
        this.expect(node.left, 'boolean');
        this.expect(node.right, 'boolean');
        return 'boolean';
      case '+':
      case '-':
      case '*':
      case '/':
        this.expect(node.left, 'number');
        this.expect(node.right, 'number');
        return 'number';
      default:
        this.comparable([node.left, node.right], node.op !== '=' && node.op !== '<>', node.span);
        return 'boolean';
    }
  }

  /** Operands of a comparison (or ENTRE, DANS) must share a type; a date accepts an ISO text literal. */
  private comparable(nodes: Expr[], ordered: boolean, span: Span): void {
    const types = nodes.map((n) => this.scalar(n));
    const concrete = types.map((t, i) =>
      t === 'string' && nodes[i].type === 'String' && parseIsoDate((nodes[i] as { value: string }).value) ? 'date-literal' : t,
    );
    const reference =
      concrete.find((t) => t !== 'unknown' && t !== 'blank' && t !== 'date-literal') ??
      (concrete.includes('date-literal') ? 'string' : undefined);
    for (let i = 0; i < types.length; i++) {
      const t = concrete[i];
      if (t === 'unknown' || t === 'blank' || reference === undefined) continue;
      if (t === 'date-literal' && (reference === 'date' || reference === 'string')) continue;
      if (t !== reference) return this.mismatch(nodes[i].span, reference as Type, types[i]);
    }
    if (ordered && reference && !ORDERED.has(reference as Type)) {
      this.report('RULE_TYPE_MISMATCH', span, { expected: 'nombre, texte ou date', actual: typeLabel(reference as Type) });
    }
  }

  private call(node: CallNode): Type {
    const def = this.scope.registry.get(node.name);
    if (!def) {
      node.args.forEach((a) => this.check(a));
      return this.fail('RULE_UNKNOWN_FUNCTION', node.nameSpan, { name: node.name });
    }
    const { min, max } = this.scope.registry.arity(def);
    if (node.args.length < min || node.args.length > max) {
      const expected = max === Infinity ? `au moins ${min}` : min === max ? String(min) : `de ${min} à ${max}`;
      this.report('RULE_ARITY', node.span, { name: node.name, expected, actual: String(node.args.length) });
    }
    const argTypes = node.args.map((arg, i) => {
      const param = def.params[Math.min(i, def.params.length - 1)];
      return this.argument(node, arg, param?.type ?? 'any', param?.name ?? '');
    });
    if (node.name === 'ENTRE' && node.args.length === 3) this.comparable(node.args, true, node.span);
    if (node.name === 'SI') this.sameBranches(node);
    return typeof def.returns === 'function' ? def.returns(argTypes) : def.returns;
  }

  private argument(call: CallNode, arg: Expr, param: ParamType, name: string): Type {
    switch (param) {
      case 'numbers': {
        const type = this.check(arg);
        const element = isListType(type) ? elementType(type) : type;
        if (!assignable(element, 'number')) this.mismatch(arg.span, 'number', type);
        return type;
      }
      case 'values':
        return this.check(arg);
      case 'any':
        return this.scalar(arg);
      case 'literal':
        return this.literal(call, arg, name);
      case 'field': {
        const type = this.check(arg);
        const ref = this.info.get(arg)?.ref;
        if (arg.type !== 'FieldRef' || (ref && ref.kind !== 'scalar')) {
          this.report('RULE_EXPECTED_FIELD', arg.span, { name: call.name });
          return 'unknown';
        }
        return type;
      }
      default:
        return this.expect(arg, param);
    }
  }

  private literal(call: CallNode, arg: Expr, name: string): Type {
    if (arg.type !== 'String') {
      this.check(arg);
      this.report('RULE_EXPECTED_LITERAL', arg.span, { name: call.name, param: name });
      return 'string';
    }
    this.info.set(arg, { type: 'string' });
    if (call.name === 'CORRESPOND') {
      try {
        new RegExp(arg.value, 'u');
      } catch (error) {
        this.report('RULE_INVALID_REGEX', arg.span, { detail: (error as Error).message });
        return 'string';
      }
      const verdict = checkRegexSafety(arg.value);
      if (!verdict.safe) this.report('RULE_UNSAFE_REGEX', arg.span, { reason: verdict.reason });
    }
    if (call.name === 'NBPIECES' && !this.scope.index.categories.has(arg.value)) {
      this.report('RULE_UNKNOWN_CATEGORY', arg.span, { category: arg.value });
    }
    return 'string';
  }

  private sameBranches(node: CallNode): void {
    const [, a, b] = node.args.map((arg) => this.info.get(arg)?.type ?? 'unknown');
    if (a && b && !assignable(a, b) && !assignable(b, a)) this.mismatch(node.args[2].span, a, b);
  }

  private mismatch(span: Span, expected: Type, actual: Type): void {
    this.report('RULE_TYPE_MISMATCH', span, { expected: typeLabel(expected), actual: typeLabel(actual) });
  }

  private report(code: RuleDiagnosticCode, span: Span, params: Record<string, string>): void {
    this.problems.push({ code, span, params });
  }

  private fail(code: RuleDiagnosticCode, span: Span, params: Record<string, string>): Type {
    this.report(code, span, params);
    return 'unknown';
  }
}

function describe(node: Expr): string {
  if (node.type === 'FieldRef') return [node.sheet, ...node.path].join('.');
  if (node.type === 'ContextRef') return `${node.scope}.${node.name}`;
  return 'cette expression';
}

export { columnName };
