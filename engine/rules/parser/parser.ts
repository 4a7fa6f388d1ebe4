import { tokenize } from '../lexer';
import type { Span, SyntaxProblem, Token } from '../lexer';
import { canonicalFunctionName } from '../functions/names';
import {
  buildBinary,
  buildBlank,
  buildBoolean,
  buildCall,
  buildContextRef,
  buildFieldRef,
  buildNumber,
  buildRowRef,
  buildString,
  buildUnary,
} from './ast';
import type { BinaryOp, Expr } from './ast';

export interface ParseResult {
  ast?: Expr;
  problem?: SyntaxProblem;
}

/** Limits that keep a hostile expression from exhausting the stack or memory. */
export const PARSER_LIMITS = { maxLength: 10_000, maxDepth: 64 };

const OR_WORDS = new Set(['OU', 'OR']);
const AND_WORDS = new Set(['ET', 'AND']);
const NOT_WORDS = new Set(['NON', 'NOT']);
const LITERAL_WORDS: Record<string, 'true' | 'false' | 'blank'> = {
  VRAI: 'true',
  TRUE: 'true',
  FAUX: 'false',
  FALSE: 'false',
  VIDE: 'blank',
  BLANK: 'blank',
};
const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const CONTEXT_SCOPES = new Set(['organisme', 'campagne']);

class ParseError extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.code);
  }
}

/** Parses one expression. Never throws: a syntax error is returned with its span. */
export function parse(source: string): ParseResult {
  if (source.length > PARSER_LIMITS.maxLength) {
    return { problem: { code: 'RULE_SYNTAX', span: { start: 0, end: source.length }, params: { reason: 'trop longue' } } };
  }
  const lexed = tokenize(source);
  if (lexed.problem) return { problem: lexed.problem };
  if (lexed.tokens.length === 1) {
    return { problem: { code: 'RULE_EMPTY_EXPRESSION', span: { start: 0, end: source.length }, params: {} } };
  }
  try {
    const parser = new Parser(lexed.tokens);
    const ast = parser.expression();
    parser.expectEnd();
    return { ast };
  } catch (error) {
    if (error instanceof ParseError) return { problem: error.problem };
    throw error;
  }
}

/** Recursive descent, one method per precedence level (see grammar.md), loosest first. */
class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  expression(): Expr {
    if (++this.depth > PARSER_LIMITS.maxDepth) this.fail(this.peek(), 'imbrication trop profonde');
    const result = this.or();
    this.depth--;
    return result;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'eof') this.fail(token);
  }

  private or(): Expr {
    let left = this.and();
    while (this.isWord(OR_WORDS)) {
      this.pos++;
      const right = this.and();
      left = buildBinary('OU', left, right, join(left.span, right.span));
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isWord(AND_WORDS)) {
      this.pos++;
      const right = this.not();
      left = buildBinary('ET', left, right, join(left.span, right.span));
    }
    return left;
  }

  private not(): Expr {
    // `NON(x)` is the function form, parsed as a primary; `NON x` is the prefix operator.
    if (this.isWord(NOT_WORDS) && this.peek(1).kind !== 'lparen') {
      const start = this.next().span;
      if (++this.depth > PARSER_LIMITS.maxDepth) this.fail(this.peek(), 'imbrication trop profonde');
      const operand = this.not();
      this.depth--;
      return buildUnary('NON', operand, join(start, operand.span));
    }
    return this.comparison();
  }

  private comparison(): Expr {
    let left = this.additive();
    while (this.peek().kind === 'op' && COMPARISONS.has(this.peek().text)) {
      const op = this.next().text as BinaryOp;
      const right = this.additive();
      left = buildBinary(op, left, right, join(left.span, right.span));
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.peek().kind === 'op' && (this.peek().text === '+' || this.peek().text === '-')) {
      const op = this.next().text as BinaryOp;
      const right = this.multiplicative();
      left = buildBinary(op, left, right, join(left.span, right.span));
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.peek().kind === 'star' || (this.peek().kind === 'op' && this.peek().text === '/')) {
      const op: BinaryOp = this.next().kind === 'star' ? '*' : '/';
      const right = this.unary();
      left = buildBinary(op, left, right, join(left.span, right.span));
    }
    return left;
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.kind === 'op' && token.text === '-') {
      this.pos++;
      if (++this.depth > PARSER_LIMITS.maxDepth) this.fail(token, 'imbrication trop profonde');
      const operand = this.unary();
      this.depth--;
      return buildUnary('-', operand, join(token.span, operand.span));
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return buildNumber(token.text, token.span);
      case 'string':
        return buildString(token.text, token.span);
      case 'lparen': {
        const inner = this.expression();
        this.expect('rparen');
        return inner;
      }
      case 'ident':
        return this.identifier(token);
      default:
        return this.fail(token);
    }
  }

  private identifier(token: Token): Expr {
    const following = this.peek();
    if (following.kind === 'lparen') return this.call(token);
    if (following.kind === 'scope') {
      this.pos++;
      const sheet = this.expect('ident');
      return this.fieldRef(sheet, token);
    }
    if (following.kind === 'dot') {
      if (token.text === 'ligne') {
        this.pos++;
        const column = this.expect('ident');
        return buildRowRef(column.text, join(token.span, column.span));
      }
      if (CONTEXT_SCOPES.has(token.text)) {
        this.pos++;
        const name = this.expect('ident');
        return buildContextRef(token.text as 'organisme' | 'campagne', name.text, join(token.span, name.span));
      }
      return this.fieldRef(token);
    }
    const literal = LITERAL_WORDS[token.text.toUpperCase()];
    if (literal === 'blank') return buildBlank(token.span);
    if (literal) return buildBoolean(literal === 'true', token.span);
    return this.fail(token, 'référence incomplète');
  }

  private fieldRef(sheet: Token, form?: Token): Expr {
    const path: string[] = [];
    let end = sheet.span;
    while (this.peek().kind === 'dot') {
      this.pos++;
      const segment = this.next();
      if (segment.kind !== 'ident' && segment.kind !== 'star') this.fail(segment);
      path.push(segment.text);
      end = segment.span;
    }
    if (path.length === 0) this.fail(this.peek(), 'référence incomplète');
    return buildFieldRef(sheet.text, path, form?.text, join((form ?? sheet).span, end));
  }

  private call(nameToken: Token): Expr {
    this.pos++; // (
    const args: Expr[] = [];
    if (this.peek().kind !== 'rparen') {
      for (;;) {
        args.push(this.expression());
        if (this.peek().kind !== 'separator') break;
        this.pos++;
      }
    }
    const close = this.expect('rparen');
    const name = canonicalFunctionName(nameToken.text);
    const span = join(nameToken.span, close.span);
    if (name === 'NON' && args.length === 1) return buildUnary('NON', args[0], span);
    return buildCall(name, args, span, nameToken.span);
  }

  private isWord(words: Set<string>): boolean {
    const token = this.peek();
    return token.kind === 'ident' && words.has(token.text.toUpperCase()) && this.peek(1).kind !== 'dot';
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.next();
    if (token.kind !== kind) this.fail(token);
    return token;
  }

  private fail(token: Token, reason?: string): never {
    const params: Record<string, string> = { text: token.kind === 'eof' ? 'fin de l’expression' : token.text };
    if (reason) params.reason = reason;
    throw new ParseError({ code: 'RULE_SYNTAX', span: token.span, params });
  }
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
