import { tokenize } from '.';

const kinds = (source: string) => tokenize(source).tokens.map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('splits references, operators and separators with spans', () => {
    expect(kinds("SOMME(ER01.*.brut; 1.5) <> 'a''b'")).toEqual([
      'ident:SOMME',
      'lparen:(',
      'ident:ER01',
      'dot:.',
      'star:*',
      'dot:.',
      'ident:brut',
      'separator:;',
      'number:1.5',
      'rparen:)',
      'op:<>',
      "string:a'b",
      'eof:',
    ]);
    expect(tokenize('  ab').tokens[0].span).toEqual({ start: 2, end: 4 });
  });

  it('reads form scopes and two-character comparisons', () => {
    expect(kinds('dis::DIS04.pf >= 2')).toEqual(['ident:dis', 'scope:::', 'ident:DIS04', 'dot:.', 'ident:pf', 'op:>=', 'number:2', 'eof:']);
  });

  it('reports unterminated strings and unexpected characters with their position', () => {
    expect(tokenize("1 + 'abc").problem).toMatchObject({ code: 'RULE_UNTERMINATED_STRING', span: { start: 4 } });
    expect(tokenize('1 ^ 2').problem).toMatchObject({ code: 'RULE_UNEXPECTED_CHARACTER', span: { start: 2, end: 3 } });
  });

  it('does not read a trailing dot as part of a number', () => {
    expect(kinds('1.')).toEqual(['number:1', 'dot:.', 'eof:']);
  });
});
