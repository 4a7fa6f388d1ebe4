/**
 * The rule-expression AST: plain, serialisable data (a discriminated union on `type`), every node
 * with a source span. Stages are functions that switch on `node.type`; nothing lives on the nodes.
 */
import type { Span } from '../lexer';

export type BinaryOp = 'OU' | 'ET' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';
export type UnaryOp = 'NON' | '-';
export type ContextScope = 'organisme' | 'campagne';

export interface NumberNode {
  type: 'Number';
  /** Source text of the literal (kept so that the printer reproduces it exactly). */
  text: string;
  value: number;
  span: Span;
}
export interface StringNode {
  type: 'String';
  value: string;
  span: Span;
}
export interface BooleanNode {
  type: 'Boolean';
  value: boolean;
  span: Span;
}
export interface BlankNode {
  type: 'Blank';
  span: Span;
}
/**
 * `SHEET.field`, `SHEET.group.field`, `SHEET.table.col`, `SHEET.*.col`, or `form::SHEET.field` for
 * another form of the same organisation. Whether it is a field, a column or a wildcard is decided
 * by the checker against the package.
 */
export interface FieldRefNode {
  type: 'FieldRef';
  form?: string;
  sheet: string;
  /** Path segments after the sheet; `*` stands for every group of the sheet. */
  path: string[];
  span: Span;
}
/** `ligne.col`: a column of the current row in a `forEach` rule. */
export interface RowRefNode {
  type: 'RowRef';
  column: string;
  span: Span;
}
/** `organisme.famille`, `campagne.exercice`, ... */
export interface ContextRefNode {
  type: 'ContextRef';
  scope: ContextScope;
  name: string;
  span: Span;
}
export interface CallNode {
  type: 'Call';
  /** Canonical (French, upper-case) function name; aliases are normalised by the parser. */
  name: string;
  args: Expr[];
  span: Span;
  /** Span of the function name only (for diagnostics about the function). */
  nameSpan: Span;
}
export interface UnaryNode {
  type: 'Unary';
  op: UnaryOp;
  operand: Expr;
  span: Span;
}
export interface BinaryNode {
  type: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

export type Expr =
  NumberNode | StringNode | BooleanNode | BlankNode | FieldRefNode | RowRefNode | ContextRefNode | CallNode | UnaryNode | BinaryNode;

const NO_SPAN: Span = { start: 0, end: 0 };

/* Builders: used by the parser and as a DSL in tests. */
export const buildNumber = (text: string, span = NO_SPAN): NumberNode => ({ type: 'Number', text, value: Number(text), span });
export const buildString = (value: string, span = NO_SPAN): StringNode => ({ type: 'String', value, span });
export const buildBoolean = (value: boolean, span = NO_SPAN): BooleanNode => ({ type: 'Boolean', value, span });
export const buildBlank = (span = NO_SPAN): BlankNode => ({ type: 'Blank', span });
export const buildFieldRef = (sheet: string, path: string[], form?: string, span = NO_SPAN): FieldRefNode =>
  form === undefined ? { type: 'FieldRef', sheet, path, span } : { type: 'FieldRef', form, sheet, path, span };
export const buildRowRef = (column: string, span = NO_SPAN): RowRefNode => ({ type: 'RowRef', column, span });
export const buildContextRef = (scope: ContextScope, name: string, span = NO_SPAN): ContextRefNode => ({
  type: 'ContextRef',
  scope,
  name,
  span,
});
export const buildCall = (name: string, args: Expr[], span = NO_SPAN, nameSpan = span): CallNode => ({
  type: 'Call',
  name,
  args,
  span,
  nameSpan,
});
export const buildUnary = (op: UnaryOp, operand: Expr, span = NO_SPAN): UnaryNode => ({ type: 'Unary', op, operand, span });
export const buildBinary = (op: BinaryOp, left: Expr, right: Expr, span = NO_SPAN): BinaryNode => ({
  type: 'Binary',
  op,
  left,
  right,
  span,
});

/** Visits every node, parents first. */
export function walk(node: Expr, visit: (node: Expr, parent: Expr | undefined) => void, parent?: Expr): void {
  visit(node, parent);
  switch (node.type) {
    case 'Call':
      for (const arg of node.args) walk(arg, visit, node);
      break;
    case 'Unary':
      walk(node.operand, visit, node);
      break;
    case 'Binary':
      walk(node.left, visit, node);
      walk(node.right, visit, node);
      break;
    default:
      break;
  }
}

/** Copy of the tree with every span zeroed: compares trees regardless of layout. */
export function stripSpans(node: Expr): Expr {
  switch (node.type) {
    case 'Call':
      return { ...node, span: NO_SPAN, nameSpan: NO_SPAN, args: node.args.map(stripSpans) };
    case 'Unary':
      return { ...node, span: NO_SPAN, operand: stripSpans(node.operand) };
    case 'Binary':
      return { ...node, span: NO_SPAN, left: stripSpans(node.left), right: stripSpans(node.right) };
    default:
      return { ...node, span: NO_SPAN };
  }
}
