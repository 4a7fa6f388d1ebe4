/**
 * Upload-time lint of message templates: no triple braces, no partials or decorators, only the
 * known helpers, no prototype paths, and top-level variables that exist.
 */
import Handlebars from 'handlebars';
import { BLOCK_HELPERS, MESSAGE_HELPERS } from './helpers';

export interface TemplateProblem {
  code:
    | 'MESSAGE_SYNTAX'
    | 'MESSAGE_NOT_TEXT'
    | 'MESSAGE_UNESCAPED'
    | 'MESSAGE_PARTIAL'
    | 'MESSAGE_UNKNOWN_HELPER'
    | 'MESSAGE_FORBIDDEN_PROPERTY'
    | 'MESSAGE_UNKNOWN_VARIABLE';
  params: Record<string, string>;
  line?: number;
  column?: number;
}

const FORBIDDEN_PARTS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const HELPERS = new Set(Object.keys(MESSAGE_HELPERS));
const BLOCKS = new Set<string>(BLOCK_HELPERS);
export const MAX_TEMPLATE_LENGTH = 2000;

type Node = { type: string; loc?: { start: { line: number; column: number } } } & Record<string, unknown>;

const SAFETY_CODES = new Set<TemplateProblem['code']>([
  'MESSAGE_SYNTAX',
  'MESSAGE_NOT_TEXT',
  'MESSAGE_UNESCAPED',
  'MESSAGE_PARTIAL',
  'MESSAGE_UNKNOWN_HELPER',
  'MESSAGE_FORBIDDEN_PROPERTY',
]);

/** Problems that make a template unsafe to compile (unknown variables are only an editing error). */
export function unsafeTemplateProblems(source: unknown): TemplateProblem[] {
  return lintTemplate(source, new Set()).filter((p) => SAFETY_CODES.has(p.code));
}

const lintCache = new Map<string, TemplateProblem[]>();
const LINT_CACHE_LIMIT = 10_000;

/** `variables`: names a template may start a path with (values, ligne, organisme, campagne). */
export function lintTemplate(source: unknown, variables: Set<string>): TemplateProblem[] {
  if (typeof source !== 'string') return lintUncached(source, variables);
  // Many rules share a message: lint each (template, variables) once.
  const key = `${[...variables].sort().join(',')}\u0000${source}`;
  let problems = lintCache.get(key);
  if (!problems) {
    if (lintCache.size >= LINT_CACHE_LIMIT) lintCache.clear();
    problems = lintUncached(source, variables);
    lintCache.set(key, problems);
  }
  return problems.map((p) => ({ ...p, params: { ...p.params } }));
}

function lintUncached(source: unknown, variables: Set<string>): TemplateProblem[] {
  if (typeof source !== 'string' || source.length > MAX_TEMPLATE_LENGTH) return [{ code: 'MESSAGE_NOT_TEXT', params: {} }];
  let program: Node;
  try {
    program = Handlebars.parse(source) as unknown as Node;
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    return [{ code: 'MESSAGE_SYNTAX', params: { detail: String(e.message ?? '').split('\n')[0] }, line: e.lineNumber, column: e.column }];
  }
  const problems: TemplateProblem[] = [];
  const at = (node: Node) => (node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : {});
  const report = (code: TemplateProblem['code'], node: Node, params: Record<string, string> = {}) =>
    problems.push({ code, params, ...at(node) });

  const visitPath = (path: Node, scoped: boolean) => {
    if (path.type !== 'PathExpression') return visit(path, scoped);
    const parts = (path.parts as string[]) ?? [];
    const bad = parts.find((p) => FORBIDDEN_PARTS.has(p));
    if (bad) return report('MESSAGE_FORBIDDEN_PROPERTY', path, { name: bad });
    if (!scoped && !path.data && !path.this && parts.length > 0 && !variables.has(parts[0])) {
      report('MESSAGE_UNKNOWN_VARIABLE', path, { name: String(path.original) });
    }
  };
  const visitCall = (node: Node, scoped: boolean, isBlock: boolean) => {
    const path = node.path as Node;
    const params = (node.params as Node[]) ?? [];
    const hash = node.hash as { pairs: Array<{ value: Node }> } | undefined;
    const name = path.type === 'PathExpression' ? String(path.original) : '';
    const isHelperCall = isBlock || params.length > 0 || (hash?.pairs.length ?? 0) > 0 || node.type === 'SubExpression';
    if (isBlock) {
      if (!BLOCKS.has(name)) report('MESSAGE_UNKNOWN_HELPER', path, { name });
    } else if (isHelperCall) {
      if (!HELPERS.has(name)) report('MESSAGE_UNKNOWN_HELPER', path, { name });
    } else if (!HELPERS.has(name)) {
      visitPath(path, scoped);
    }
    for (const p of params) visitPath(p, scoped);
    for (const pair of hash?.pairs ?? []) visitPath(pair.value, scoped);
    return name;
  };
  const visit = (node: Node, scoped: boolean): void => {
    switch (node.type) {
      case 'Program':
        for (const statement of node.body as Node[]) visit(statement, scoped);
        return;
      case 'MustacheStatement':
        if (node.escaped === false) report('MESSAGE_UNESCAPED', node);
        visitCall(node, scoped, false);
        return;
      case 'SubExpression':
        visitCall(node, scoped, false);
        return;
      case 'BlockStatement': {
        const name = visitCall(node, scoped, true);
        const inner = scoped || name === 'each' || name === 'with';
        if (node.program) visit(node.program as Node, inner);
        if (node.inverse) visit(node.inverse as Node, scoped);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        report('MESSAGE_PARTIAL', node);
        return;
      default:
        return;
    }
  };
  visit(program, false);
  return problems;
}
