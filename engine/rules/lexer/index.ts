export { tokenize } from './lexer';
export type { LexResult } from './lexer';
export type { Span, Token, TokenKind, SyntaxProblem } from './tokens';
