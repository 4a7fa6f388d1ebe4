/**
 * Renders a parsed handlebars template by walking its syntax tree. Handlebars' own `compile`
 * generates JavaScript with `new Function`, which the browser's Content Security Policy forbids
 * (script-src 'self', no unsafe-eval): messages must render the same in the browser and on the
 * server, so the engine interprets the small subset that the upload lint allows — text,
 * `{{path}}`, calls of the known helpers, and the blocks if / unless / each / with.
 * Lookups read own properties only, so nothing on a prototype is ever reached.
 */
import Handlebars from 'handlebars';

const escapeExpression = Handlebars.Utils.escapeExpression;

export type Helper = (...args: unknown[]) => string;

type Node = { type: string } & Record<string, unknown>;
type PathNode = { type: 'PathExpression'; parts: string[]; data: boolean; depth: number; original: string };

interface Frame {
  value: unknown;
  data: Record<string, unknown>;
}

export function renderProgram(program: Node, context: unknown, helpers: Record<string, Helper>): string {
  return renderBody(program, [{ value: context, data: {} }], helpers);
}

function renderBody(program: Node | undefined, frames: Frame[], helpers: Record<string, Helper>): string {
  if (!program) return '';
  let out = '';
  for (const statement of program.body as Node[]) {
    switch (statement.type) {
      case 'ContentStatement':
        out += escapeExpression(String(statement.value));
        break;
      case 'MustacheStatement':
        out += escapeExpression(toText(evaluateCall(statement, frames, helpers)));
        break;
      case 'BlockStatement':
        out += renderBlock(statement, frames, helpers);
        break;
      default:
        // Comments render nothing; partials and decorators never pass the upload lint.
        break;
    }
  }
  return out;
}

function renderBlock(block: Node, frames: Frame[], helpers: Record<string, Helper>): string {
  const name = (block.path as PathNode).original;
  const argument = evaluate((block.params as Node[])[0], frames, helpers);
  const program = block.program as Node | undefined;
  const inverse = block.inverse as Node | undefined;
  const top = frames[frames.length - 1];
  switch (name) {
    case 'if':
      return renderBody(truthy(argument) ? program : inverse, frames, helpers);
    case 'unless':
      return renderBody(truthy(argument) ? inverse : program, frames, helpers);
    case 'with':
      return truthy(argument)
        ? renderBody(program, [...frames, { value: argument, data: top.data }], helpers)
        : renderBody(inverse, frames, helpers);
    case 'each': {
      const entries: Array<[string | number, unknown]> = Array.isArray(argument)
        ? argument.map((item, index) => [index, item])
        : isRecord(argument)
          ? Object.keys(argument).map((key) => [key, argument[key]])
          : [];
      if (entries.length === 0) return renderBody(inverse, frames, helpers);
      return entries
        .map(([key, item], i) => {
          const data = { ...top.data, index: i, key, first: i === 0, last: i === entries.length - 1 };
          return renderBody(program, [...frames, { value: item, data }], helpers);
        })
        .join('');
    }
    default:
      return '';
  }
}

/** A mustache or sub-expression: a helper call, or a plain value when the name is no helper. */
function evaluateCall(node: Node, frames: Frame[], helpers: Record<string, Helper>): unknown {
  const path = node.path as Node;
  const params = (node.params as Node[]) ?? [];
  const name = path.type === 'PathExpression' ? (path as unknown as PathNode).original : '';
  const helper = Object.prototype.hasOwnProperty.call(helpers, name) ? helpers[name] : undefined;
  if (helper) return helper(...params.map((p) => evaluate(p, frames, helpers)));
  return evaluate(path, frames, helpers);
}

function evaluate(node: Node | undefined, frames: Frame[], helpers: Record<string, Helper>): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return node.value;
    case 'NullLiteral':
      return null;
    case 'UndefinedLiteral':
      return undefined;
    case 'SubExpression':
      return evaluateCall(node, frames, helpers);
    case 'PathExpression':
      return lookup(node as unknown as PathNode, frames);
    default:
      return undefined;
  }
}

function lookup(path: PathNode, frames: Frame[]): unknown {
  const frame = frames[Math.max(0, frames.length - 1 - path.depth)];
  let value: unknown = path.data ? frame.data : frame.value;
  for (const part of path.parts) {
    if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Handlebars' truthiness for if/unless/with: empty arrays are false too. */
function truthy(x: unknown): boolean {
  return Array.isArray(x) ? x.length > 0 : Boolean(x);
}

function toText(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return x.map(toText).join(',');
  return '';
}
