/** Source span of a token or AST node: 0-based offsets into the expression text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type TokenKind =
  | 'number'
  | 'string'
  | 'ident'
  | 'dot'
  | 'star'
  | 'scope' // `::` between a form id and a reference (dis::DIS04.pf)
  | 'op' // + - / = <> < <= > >=
  | 'lparen'
  | 'rparen'
  | 'separator' // ; or ,
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text of the token; for strings, the unquoted value. */
  text: string;
  span: Span;
}

/** A lexical or syntax error: a stable code and where it happened. */
export interface SyntaxProblem {
  code: 'RULE_SYNTAX' | 'RULE_UNTERMINATED_STRING' | 'RULE_UNEXPECTED_CHARACTER' | 'RULE_EMPTY_EXPRESSION';
  span: Span;
  /** Parameters used by the message catalogue (e.g. the unexpected text). */
  params: Record<string, string>;
}
