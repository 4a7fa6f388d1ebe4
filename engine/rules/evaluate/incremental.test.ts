import fc from 'fast-check';
import type { Answers } from '../../api';
import { compileRules, createSession, evaluate } from '..';
import { computed, packageBuilder, testContext } from '../testing';

/** A package exercising every propagation path: chains, wildcards, columns, rows, row counts. */
function compiledPackage() {
  const b = packageBuilder()
    .fields('A', {
      'g1.x': 'number',
      'g2.x': 'number',
      'g3.x': 'number',
      y: 'number',
      z: 'number',
      s: 'string',
      t1: computed(),
      t2: computed(),
      t3: computed(),
      ratio: computed(),
    })
    .table('T.lignes', { k: 'string', u: 'number', v: 'number', w: computed(), part: computed() })
    .rule({ id: 'T1', kind: 'computed', target: 'A.t1', expr: 'SOMME(A.*.x)' })
    .rule({ id: 'T2', kind: 'computed', target: 'A.t2', expr: 'A.t1 + SOMME(T.lignes.w)' })
    .rule({ id: 'T3', kind: 'computed', target: 'A.t3', expr: 'SI(A.y > 0; A.t2 - A.y; A.t1)' })
    .rule({ id: 'RA', kind: 'computed', target: 'A.ratio', when: 'A.z <> 0', expr: 'A.t3 / A.z' })
    .rule({ id: 'W', kind: 'computed', forEach: 'T.lignes', target: 'ligne.w', expr: 'ligne.u * 2 + DEFAUT(ligne.v; 0)' })
    .rule({ id: 'P', kind: 'computed', forEach: 'T.lignes', target: 'ligne.part', expr: 'ligne.w / SOMME(T.lignes.u)' })
    .rule({ id: 'C1', kind: 'check', severity: 'blocking', assert: 'PROCHE(A.t3; A.y)', values: { t: 'A.t3' }, message: '{{euros t}}' })
    .rule({ id: 'C2', kind: 'check', severity: 'warning', forEach: 'T.lignes', assert: 'ligne.w <= A.y', message: 'L{{ligne.numero}}' })
    .rule({ id: 'C3', kind: 'check', severity: 'info', forEach: 'T.lignes', assert: 'ligne.u < MAX(T.lignes.v)', message: 'm' })
    .rule({
      id: 'C4',
      kind: 'check',
      severity: 'warning',
      assert: 'NB(T.lignes.k) = NB(T.lignes.u) ET ENTRE(A.ratio; 0; 10)',
      message: 'm',
    })
    .rule({ id: 'Q', kind: 'required', severity: 'blocking', when: 'A.t1 > 10', fields: ['A.y', 'A.s'], message: '{{champ}}' })
    .rule({ id: 'QL', kind: 'required', severity: 'warning', forEach: 'T.lignes', fields: ['ligne.k'], message: 'k' });
  const result = compileRules(b.build());
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value!;
}

const amount = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -500, max: 500 }).map((c) => c / 10),
  fc.constant(0),
);
const row = fc.record({ k: fc.oneof(fc.constant(null), fc.constantFrom('a', 'b')), u: amount, v: amount });
const edit = fc.oneof(
  fc.record({
    op: fc.constant('scalar' as const),
    path: fc.constantFrom('g1.x', 'g2.x', 'g3.x', 'y', 'z', 's'),
    value: fc.oneof(amount, fc.constantFrom('x', '')),
  }),
  fc.record({
    op: fc.constant('cell' as const),
    row: fc.nat(6),
    column: fc.constantFrom('k', 'u', 'v'),
    value: fc.oneof(amount, fc.constant('b')),
  }),
  fc.record({ op: fc.constant('rows' as const), rows: fc.array(row, { maxLength: 6 }) }),
  fc.record({
    op: fc.constant('sheetA' as const),
    data: fc.record(
      { g1: fc.record({ x: amount }), g2: fc.record({ x: amount }), y: amount, z: amount, s: fc.constantFrom('x', ''), t1: amount },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ op: fc.constant('sheetT' as const), rows: fc.array(row, { maxLength: 6 }) }),
);

describe('incremental evaluation', () => {
  const compiled = compiledPackage();
  const ctx = testContext();

  it('always equals a full evaluation, after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), fc.array(edit, { maxLength: 25 }), (initialRows, edits) => {
        const initial: Answers = { A: { g1: { x: 1 }, y: 2 }, T: { lignes: initialRows } };
        const session = createSession(compiled, initial, ctx);
        for (const e of edits) {
          if (e.op === 'scalar') session.set('A', e.path, undefined, e.value);
          else if (e.op === 'cell') session.set('T', `lignes.${e.column}`, e.row, e.value);
          else if (e.op === 'rows') session.setRows('T', 'lignes', e.rows);
          else if (e.op === 'sheetA') session.setSheet('A', e.data);
          else session.setSheet('T', { lignes: e.rows });
          const full = evaluate(compiled, session.answers(), ctx);
          expect(session.report()).toEqual(full);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recomputes nothing when a saved sheet is unchanged, and reports what a changed sheet moved', () => {
    const initial: Answers = { A: { g1: { x: 1 }, y: 2 }, T: { lignes: [{ u: 1 }] } };
    const session = createSession(compiled, initial, ctx);
    expect(session.setSheet('A', { g1: { x: 1 }, y: 2 })).toEqual([]);
    expect(session.setSheet('T', { lignes: [{ u: 1 }] })).toEqual([]);
    expect(session.setSheet('A', { g1: { x: 3 }, y: 2 })).toEqual(expect.arrayContaining([{ sheet: 'A', path: 't1', old: 1, new: 3 }]));
    expect(session.answers().A).toMatchObject({ g1: { x: 3 }, y: 2 });
  });

  it('reports exactly the computed changes, row by row', () => {
    const session = createSession(compiled, { A: { g1: { x: 1 } }, T: { lignes: [{ u: 1 }, { u: 2 }] } }, ctx);
    const changes = session.set('T', 'lignes.v', 1, 10);
    expect(changes).toEqual([
      { sheet: 'T', path: 'lignes.w', row: 1, old: 4, new: 14 },
      { sheet: 'T', path: 'lignes.part', row: 1, old: 1.3333333333, new: 4.6666666667 },
      { sheet: 'A', path: 't2', old: 7, new: 17 },
    ]);
  });

  it('reports removed rows of computed columns when rows are replaced', () => {
    const session = createSession(compiled, { T: { lignes: [{ u: 1 }, { u: 2 }] } }, ctx);
    const changes = session.setRows('T', 'lignes', [{ u: 1 }]);
    expect(changes).toEqual(
      expect.arrayContaining([
        { sheet: 'T', path: 'lignes.w', row: 1, old: 4, new: null },
        { sheet: 'T', path: 'lignes.part', row: 0, old: 0.6666666667, new: 2 },
      ]),
    );
  });
});
