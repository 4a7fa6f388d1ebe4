/**
 * Checks every rule of a package and collects all diagnostics (never throws): syntax, references,
 * functions, types, rule shapes, computed targets, cycles among computed fields and templates.
 */
import type { Diagnostic } from '../../api';
import type { FormPackage, RuleDef, TableDef } from '../../package/model';
import { defaultRegistry } from '../functions';
import type { FunctionRegistry, Type } from '../functions';
import { Graph } from '../graph';
import { lintTemplate } from '../messages';
import { parse } from '../parser';
import type { Expr } from '../parser';
import { messageFor } from './catalogue';
import type { RuleDiagnosticCode } from './catalogue';
import { PackageIndex, fieldKey } from './packageIndex';
import type { Resolved } from './packageIndex';
import { readKeys } from './refs';
import { TypeChecker } from './typeCheck';
import type { ExprProblem, NodeInfo } from './typeCheck';

export interface CheckedRule {
  def: RuleDef;
  forEach?: TableDef;
  /** Computed rules: the field they write (scalar, or a column through `ligne.`). */
  target?: Extract<Resolved, { kind: 'scalar' | 'row' }>;
  when?: Expr;
  expr?: Expr;
  assert?: Expr;
  values: Array<{ name: string; ast: Expr }>;
  /** Required rules: the fields that must not be blank. */
  fields: Array<{ ast: Expr; ref: Extract<Resolved, { kind: 'scalar' | 'row' }> }>;
}

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  rules: CheckedRule[];
  info: Map<Expr, NodeInfo>;
  index: PackageIndex;
}

const VALUE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const RESERVED_NAMES = new Set(['ligne', 'organisme', 'campagne']);
const SEVERITIES = new Set(['blocking', 'warning', 'info']);
const KINDS = new Set(['computed', 'check', 'required', 'attachment']);

export function checkRules(pkg: FormPackage, registry: FunctionRegistry = defaultRegistry): CheckResult {
  const index = new PackageIndex(pkg);
  const info = new Map<Expr, NodeInfo>();
  const diagnostics: Diagnostic[] = [];
  const rules: CheckedRule[] = [];
  const seenIds = new Map<string, RuleDef>();
  const targets = new Map<string, RuleDef>();

  for (const def of pkg.rules) {
    const at = (code: RuleDiagnosticCode, params: Record<string, string>, property?: string, source?: string, offset?: number) =>
      diagnostics.push(diagnostic(def, code, params, property, source, offset));

    if (seenIds.has(def.id)) at('RULE_DUPLICATE_ID', { id: def.id }, 'id');
    seenIds.set(def.id, def);
    if (!KINDS.has(def.kind)) {
      at('RULE_INVALID_PROPERTY', { property: 'kind', detail: String(def.kind) }, 'kind');
      continue;
    }
    if (def.active === false) continue;

    const rule: CheckedRule = { def, values: [], fields: [] };
    const before = diagnostics.length;
    if (def.kind !== 'computed' && !SEVERITIES.has(String(def.severity))) {
      at(
        def.severity === undefined ? 'RULE_MISSING_PROPERTY' : 'RULE_INVALID_PROPERTY',
        { property: 'severity', kind: def.kind, detail: String(def.severity) },
        'severity',
      );
    }
    if (def.forEach !== undefined) {
      const [sheet, ...rest] = def.forEach.split('.');
      rule.forEach = index.table(sheet, rest.join('.'));
      if (!rule.forEach) at('RULE_UNKNOWN_TABLE', { ref: def.forEach }, 'forEach');
    }

    const expression = (property: 'when' | 'expr' | 'assert', expected?: Type, required = false): Expr | undefined => {
      const source = def[property];
      if (source === undefined) {
        if (required) at('RULE_MISSING_PROPERTY', { property, kind: def.kind }, property);
        return undefined;
      }
      return checkExpression(def, property, source, rule.forEach, expected);
    };
    const checkExpression = (owner: RuleDef, property: string, source: unknown, forEach: TableDef | undefined, expected?: Type) => {
      if (typeof source !== 'string') {
        at('RULE_INVALID_PROPERTY', { property, detail: 'une expression (texte) est attendue' }, property);
        return undefined;
      }
      const parsed = parse(source);
      if (parsed.problem) {
        at(parsed.problem.code, parsed.problem.params, property, source, parsed.problem.span.start);
        return undefined;
      }
      const problems: ExprProblem[] = [];
      const checker = new TypeChecker({ index, registry, forEach }, info, problems);
      if (expected) checker.expect(parsed.ast!, expected);
      else checker.scalar(parsed.ast!);
      for (const p of problems) diagnostics.push(diagnostic(owner, p.code, p.params, property, source, p.span.start));
      return parsed.ast;
    };

    rule.when = expression('when', 'boolean');
    switch (def.kind) {
      case 'computed':
        rule.target = resolveTarget(def, rule.forEach, index, at);
        rule.expr = expression('expr', rule.target ? typeOfTarget(rule.target) : undefined, true);
        if (rule.target) {
          const key = fieldKey(rule.target.field.sheet, rule.target.field.path);
          const other = targets.get(key);
          if (other) at('RULE_TARGET_DUPLICATE', { ref: def.target ?? key, other: other.id }, 'target');
          else targets.set(key, def);
        }
        break;
      case 'check':
        rule.assert = expression('assert', 'boolean', true);
        break;
      case 'required':
        if (!Array.isArray(def.fields) || def.fields.length === 0)
          at('RULE_MISSING_PROPERTY', { property: 'fields', kind: def.kind }, 'fields');
        (def.fields ?? []).forEach((source, i) => {
          const ast = checkExpression(def, `fields/${i}`, source, rule.forEach);
          const ref = ast ? info.get(ast)?.ref : undefined;
          if (ast && ref && (ref.kind === 'scalar' || ref.kind === 'row')) rule.fields.push({ ast, ref });
          else if (ast && !diagnostics.slice(before).some((d) => d.pointer === `${def.pointer}/fields/${i}`)) {
            at('RULE_EXPECTED_FIELD', { name: 'fields' }, `fields/${i}`);
          }
        });
        break;
      case 'attachment':
        if (typeof def.category !== 'string') at('RULE_MISSING_PROPERTY', { property: 'category', kind: def.kind }, 'category');
        else if (!index.categories.has(def.category)) at('RULE_UNKNOWN_CATEGORY', { category: def.category }, 'category');
        break;
    }

    for (const [name, source] of Object.entries(def.values ?? {})) {
      if (!VALUE_NAME.test(name) || RESERVED_NAMES.has(name)) {
        at('RULE_INVALID_VALUE_NAME', { name }, `values/${name}`);
        continue;
      }
      const ast = checkExpression(def, `values/${name}`, source, rule.forEach);
      if (ast) rule.values.push({ name, ast });
    }
    if (def.message !== undefined || def.kind !== 'computed') {
      const variables = new Set(['organisme', 'campagne', ...Object.keys(def.values ?? {})]);
      if (rule.forEach) variables.add('ligne');
      if (def.kind === 'required') variables.add('champ');
      for (const p of def.message === undefined ? [] : lintTemplate(def.message, variables)) {
        diagnostics.push({ ...diagnostic(def, p.code, p.params, 'message'), line: p.line, column: p.column });
      }
    }
    if (diagnostics.length === before) rules.push(rule);
  }

  diagnostics.push(...findCycles(rules, index));
  return { ok: diagnostics.length === 0, diagnostics, rules, info, index };
}

type Report = (code: RuleDiagnosticCode, params: Record<string, string>, property?: string) => void;

function resolveTarget(def: RuleDef, forEach: TableDef | undefined, index: PackageIndex, at: Report): CheckedRule['target'] {
  const written = def.target;
  if (typeof written !== 'string') {
    at('RULE_MISSING_PROPERTY', { property: 'target', kind: def.kind }, 'target');
    return undefined;
  }
  let target: CheckedRule['target'];
  if (written.startsWith('ligne.')) {
    const field = forEach ? index.column(forEach, written.slice(6)) : undefined;
    if (!forEach) at('RULE_ROW_OUTSIDE_FOREACH', { column: written.slice(6) }, 'target');
    else if (field) target = { kind: 'row', field, table: forEach };
  } else {
    const [sheet, ...path] = written.split('.');
    const field = index.field(sheet, path.join('.'));
    if (field && !field.table) target = { kind: 'scalar', field };
  }
  if (!target) {
    if (!written.startsWith('ligne.') || forEach) at('RULE_UNKNOWN_TARGET', { ref: written }, 'target');
    return undefined;
  }
  if (!target.field.readOnly) {
    at('RULE_TARGET_NOT_READONLY', { ref: written }, 'target');
    return undefined;
  }
  return target;
}

function typeOfTarget(target: NonNullable<CheckedRule['target']>): Type {
  return target.field.type === 'integer' ? 'number' : target.field.type;
}

/** Cycles among computed fields: a rule depends on the rules computing the fields it reads. */
function findCycles(rules: CheckedRule[], index: PackageIndex): Diagnostic[] {
  const computed = rules.filter((r) => r.target && r.expr);
  const producer = new Map<string, number>();
  computed.forEach((r, i) => producer.set(fieldKey(r.target!.field.sheet, r.target!.field.path), i));
  const graph = new Graph(computed.length);
  computed.forEach((rule, i) => {
    const reads = [rule.expr!, ...(rule.when ? [rule.when] : [])].flatMap((ast) => readKeys(ast, index, rule.forEach));
    for (const key of reads) {
      const from = producer.get(key);
      if (from !== undefined) graph.addEdge(from, i);
    }
  });
  const out: Diagnostic[] = [];
  const cycles = graph.topologicalOrder().cycles.map((c) => [...c].sort((a, b) => a - b));
  for (const cycle of cycles.sort((a, b) => a[0] - b[0])) {
    const names = cycle.map((i) => computed[i].def.target ?? computed[i].def.id);
    for (const i of cycle) {
      out.push(diagnostic(computed[i].def, 'RULE_CYCLE', { cycle: [...names, names[0]].join(' → ') }, 'expr'));
    }
  }
  return out;
}

function diagnostic(
  def: RuleDef,
  code: RuleDiagnosticCode,
  params: Record<string, string>,
  property?: string,
  source?: string,
  offset?: number,
): Diagnostic {
  const d: Diagnostic = { code, message: messageFor(code, params), file: def.file, ruleId: def.id };
  if (property) d.pointer = `${def.pointer}/${property.split('/').map(escapePointer).join('/')}`;
  if (source !== undefined && offset !== undefined) Object.assign(d, lineColumn(source, offset));
  return d;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** 1-based line and column of an offset in an expression. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
