import fc from 'fast-check';
import { parse, stripSpans } from '../parser';
import type { Expr } from '../parser';
import { print } from '.';

const reparse = (source: string): Expr => stripSpans(parse(source).ast!);

describe('print', () => {
  it.each([
    'SOMME(ER01.*.brut)',
    'PROCHE(ER01.total_actif.net; ER02.total_passif.n)',
    'NON(ESTVIDE(ER01.total_actif.net))',
    "organisme.famille = 'OPH' ET A.x > 0 OU A.y",
    '(A.x OU A.y) ET A.z',
    '1 - (2 - 3)',
    '(1 + 2) * 3',
    '-A.x * 2',
    '-(A.x + 1)',
    '-(-A.x)',
    'NON(A.x = 1) ET NON(A.y)',
    "'l''actif'",
    'SI(VRAI; VIDE; FAUX)',
    'dis::DIS04.pf / 2',
    'ligne.crd_debut + ligne.mobilisations - ligne.amort_capital',
    'N1(ER02.report.n)',
  ])('prints %s back unchanged', (source) => {
    expect(print(parse(source).ast!)).toBe(source);
  });

  it('canonicalises aliases, separators and redundant parentheses', () => {
    expect(print(parse('sum(A.x, (A.y)) and not A.z').ast!)).toBe('SOMME(A.x; A.y) ET NON(A.z)');
    expect(print(parse('((1 + 2)) + 3').ast!)).toBe('1 + 2 + 3');
  });

  const leaf = fc.oneof(fc.nat(999).map(String), fc.constantFrom('A.x', 'B.g.y', 'ligne.c', 'VRAI', 'VIDE', "'t'", 'organisme.famille'));
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(tie('node'), fc.constantFrom('+', '-', '*', '/', '=', '<>', '<', 'ET', 'OU'), tie('node'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('node').map((a) => `-(${a})`),
      tie('node').map((a) => `NON(${a})`),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((args) => `SOMME(${args.join('; ')})`),
    ),
  })).node;

  it('round-trips any expression: parse(print(parse(s))) equals parse(s)', () => {
    fc.assert(
      fc.property(expr, (source) => {
        const tree = reparse(source);
        expect(reparse(print(tree))).toEqual(tree);
      }),
      { numRuns: 500 },
    );
  });
});
