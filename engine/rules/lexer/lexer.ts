import type { Span, SyntaxProblem, Token } from './tokens';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);

export interface LexResult {
  tokens: Token[];
  problem?: SyntaxProblem;
}

/** Splits an expression into tokens. Stops at the first lexical error (reported, never thrown). */
export function tokenize(source: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token['kind'], text: string, start: number, end: number) => tokens.push({ kind, text, span: { start, end } });

  while (i < source.length) {
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0') {
      i++;
      continue;
    }
    const start = i;
    const code = source.charCodeAt(i);
    if (isDigit(code)) {
      while (isDigit(source.charCodeAt(i))) i++;
      if (source[i] === '.' && isDigit(source.charCodeAt(i + 1))) {
        i++;
        while (isDigit(source.charCodeAt(i))) i++;
      }
      push('number', source.slice(start, i), start, i);
      continue;
    }
    if (isIdentStart(code)) {
      while (isIdentPart(source.charCodeAt(i))) i++;
      push('ident', source.slice(start, i), start, i);
      continue;
    }
    if (ch === "'" || ch === '"') {
      const read = readString(source, i);
      if (!read) return { tokens, problem: problem('RULE_UNTERMINATED_STRING', { start, end: source.length }) };
      push('string', read.value, start, read.end);
      i = read.end;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '::') {
      push('scope', two, i, i + 2);
      i += 2;
      continue;
    }
    if (two === '<>' || two === '<=' || two === '>=') {
      push('op', two, i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '+' || ch === '-' || ch === '/' || ch === '=' || ch === '<' || ch === '>') {
      push('op', ch, i, i + 1);
      i++;
      continue;
    }
    const single: Record<string, Token['kind']> = {
      '.': 'dot',
      '*': 'star',
      '(': 'lparen',
      ')': 'rparen',
      ';': 'separator',
      ',': 'separator',
    };
    const kind = single[ch];
    if (kind) {
      push(kind, ch, i, i + 1);
      i++;
      continue;
    }
    return { tokens, problem: problem('RULE_UNEXPECTED_CHARACTER', { start, end: start + 1 }, { text: ch }) };
  }
  push('eof', '', source.length, source.length);
  return { tokens };
}

/** Reads a quoted string; the quote is escaped by doubling it (`'l''actif'`), as in spreadsheets. */
function readString(source: string, start: number): { value: string; end: number } | undefined {
  const quote = source[start];
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === quote) {
      if (source[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += source[i];
    i++;
  }
  return undefined;
}

function problem(code: SyntaxProblem['code'], span: Span, params: Record<string, string> = {}): SyntaxProblem {
  return { code, span, params };
}
