import { buildBinary, buildCall, buildFieldRef, buildNumber, buildRowRef, buildUnary, collectDependencies, parse, stripSpans } from '.';
import type { Expr } from '.';

const ast = (source: string): Expr => {
  const result = parse(source);
  if (!result.ast) throw new Error(`parse failed: ${JSON.stringify(result.problem)}`);
  return stripSpans(result.ast);
};

describe('parse', () => {
  it('gives * and / precedence over + and -, left-associative', () => {
    expect(ast('1 - 2 - 3 * 4')).toEqual(
      stripSpans(
        buildBinary('-', buildBinary('-', buildNumber('1'), buildNumber('2')), buildBinary('*', buildNumber('3'), buildNumber('4'))),
      ),
    );
  });

  it('binds OU loosest, then ET, then NON, then comparisons', () => {
    const tree = ast('NON A.x = 1 ET A.y OU A.z');
    expect(tree).toMatchObject({
      type: 'Binary',
      op: 'OU',
      left: { type: 'Binary', op: 'ET', left: { type: 'Unary', op: 'NON', operand: { op: '=' } } },
    });
  });

  it('normalises English aliases and case to canonical French names', () => {
    expect(ast('sum(A.x; 2)')).toEqual(stripSpans(buildCall('SOMME', [buildFieldRef('A', ['x']), buildNumber('2')])));
    expect(ast('A.x and A.y or not A.z')).toEqual(ast('A.x ET A.y OU NON A.z'));
    expect(ast('IF(TRUE, 1, BLANK)')).toEqual(ast('SI(VRAI; 1; VIDE)'));
  });

  it('reads NON(x) as the unary operator', () => {
    expect(ast('NON(A.x)')).toEqual(stripSpans(buildUnary('NON', buildFieldRef('A', ['x']))));
  });

  it('reads references of every shape', () => {
    expect(ast('ER01.*.brut')).toMatchObject({ type: 'FieldRef', sheet: 'ER01', path: ['*', 'brut'] });
    expect(ast('dis::DIS04.pf')).toMatchObject({ type: 'FieldRef', form: 'dis', sheet: 'DIS04', path: ['pf'] });
    expect(ast('ligne.crd_fin')).toEqual(stripSpans(buildRowRef('crd_fin')));
    expect(ast('organisme.famille')).toMatchObject({ type: 'ContextRef', scope: 'organisme', name: 'famille' });
  });

  it('puts a span on every node', () => {
    const result = parse('SOMME(ER01.a; 2)');
    expect(result.ast?.span).toEqual({ start: 0, end: 16 });
    expect(result.ast?.type === 'Call' && result.ast.args[0].span).toEqual({ start: 6, end: 12 });
  });

  it.each([
    ['1 +', 'RULE_SYNTAX', 3],
    ['(1', 'RULE_SYNTAX', 2],
    ['1 2', 'RULE_SYNTAX', 2],
    ['ER01', 'RULE_SYNTAX', 0],
    ['', 'RULE_EMPTY_EXPRESSION', 0],
    ['SOMME(1;', 'RULE_SYNTAX', 8],
  ])('reports a syntax error in %j at its position', (source, code, start) => {
    expect(parse(source).problem).toMatchObject({ code, span: { start } });
  });

  it('refuses expressions nested deeper than the limit instead of overflowing', () => {
    expect(parse('('.repeat(200) + '1' + ')'.repeat(200)).problem?.code).toBe('RULE_SYNTAX');
    expect(parse('-'.repeat(200) + '1').problem?.code).toBe('RULE_SYNTAX');
  });
});

describe('collectDependencies', () => {
  it('lists references, separating N1, other forms and attachments', () => {
    const deps = collectDependencies(parse("A.x + N1(A.y) + dis::D.z + NBPIECES('pj') + ligne.c + organisme.famille").ast!);
    expect(deps).toEqual([
      { kind: 'field', sheet: 'A', path: ['x'] },
      { kind: 'previous', sheet: 'A', path: ['y'] },
      { kind: 'otherForm', form: 'dis', sheet: 'D', path: ['z'] },
      { kind: 'attachment', category: 'pj' },
      { kind: 'row', column: 'c' },
      { kind: 'context', scope: 'organisme', name: 'famille' },
    ]);
  });
});
