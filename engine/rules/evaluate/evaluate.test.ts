import type { Answers } from '../../api';
import { compileRules, createSession, evaluate } from '..';
import type { CompiledRules } from '..';
import { computed, packageBuilder, testContext } from '../testing';
import type { PackageBuilder } from '../testing';

const sheetFields = (b: PackageBuilder) =>
  b
    .fields('ER01', {
      'terrains.brut': 'number',
      'constructions.brut': 'number',
      'total.brut': computed(),
      a: 'number',
      b: 'number',
      c: 'number',
      s: 'string',
      d: 'date',
      flag: 'boolean',
    })
    .table('ER09.emprunts', {
      numero: 'string',
      crd_debut: 'number',
      mobilisations: 'number',
      amort: 'number',
      crd_fin: 'number',
      crd_calc: computed(),
    });

function compile(b: PackageBuilder): CompiledRules {
  const result = compileRules(b.build());
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value!;
}

/** Value of `expr` over ER01 answers, through a computed rule (blank → null). */
function value(
  expr: string,
  er01: Record<string, unknown> = {},
  type: 'number' | 'boolean' | 'string' | 'date' = 'number',
  extra: Answers = {},
  ctx = testContext(),
): unknown {
  const b = sheetFields(packageBuilder()).field('OUT.v', computed(type)).rule({ id: 'V', kind: 'computed', target: 'OUT.v', expr });
  return evaluate(compile(b), { ER01: er01, ...extra }, ctx).computed.OUT['v'];
}

const status = (assert: string, er01: Record<string, unknown>) =>
  evaluate(
    compile(sheetFields(packageBuilder()).rule({ id: 'C', kind: 'check', severity: 'blocking', assert, message: 'm' })),
    { ER01: er01 },
    testContext(),
  ).controls[0].status;

describe('expressions', () => {
  it('computes amounts exactly', () => {
    expect(value('ER01.a + ER01.b', { a: 0.1, b: 0.2 })).toBe(0.3);
    expect(value('ER01.a * 3', { a: 0.1 })).toBe(0.3);
    expect(value('ER01.a / 3', { a: 1 })).toBe(0.3333333333);
    expect(value('ARRONDI(ER01.a; 1)', { a: 0.25 })).toBe(0.3);
    expect(value('ARRONDI(ER01.a)', { a: -2.5 })).toBe(-3);
  });

  it('propagates blanks through arithmetic and comparisons', () => {
    expect(value('1 + VIDE')).toBeNull();
    expect(value('ER01.a + 1', {})).toBeNull();
    expect(value('ER01.a > 1', {}, 'boolean')).toBeNull();
    expect(value('ER01.a = VIDE', { a: 1 }, 'boolean')).toBeNull();
    expect(value("ER01.s = 'x'", { s: '' }, 'boolean')).toBeNull();
  });

  it('ignores blanks in aggregates; SOMME of blanks only is blank; NB counts non-blanks', () => {
    expect(value('SOMME(ER01.a; ER01.b; ER01.c)', { a: 1, c: 2.5 })).toBe(3.5);
    expect(value('SOMME(ER01.a; ER01.b)', {})).toBeNull();
    expect(value('NB(ER01.a; ER01.b; ER01.s)', { a: 0, s: 'x' })).toBe(2);
    expect(value('MOYENNE(ER01.a; ER01.b; ER01.c)', { a: 1, b: 2 })).toBe(1.5);
    expect(value('MIN(ER01.a; ER01.b)', { a: 3, b: -1 })).toBe(-1);
    expect(value('MAX(ER01.*.brut)', { terrains: { brut: 5 }, constructions: { brut: 7 } })).toBe(7);
  });

  it('tests and replaces blanks with ESTVIDE and DEFAUT', () => {
    expect(value('ESTVIDE(ER01.a)', {}, 'boolean')).toBe(true);
    expect(value('ESTVIDE(ER01.a)', { a: 0 }, 'boolean')).toBe(false);
    expect(value('DEFAUT(ER01.a; 0) + 1', {})).toBe(1);
  });

  it('uses three-valued logic for ET, OU, NON and SI', () => {
    expect(value('ER01.flag ET FAUX', {}, 'boolean')).toBe(false);
    expect(value('ER01.flag ET VRAI', {}, 'boolean')).toBeNull();
    expect(value('ER01.flag OU VRAI', {}, 'boolean')).toBe(true);
    expect(value('NON(ER01.flag)', {}, 'boolean')).toBeNull();
    expect(value('ET(VRAI; VRAI; ER01.flag)', { flag: true }, 'boolean')).toBe(true);
    expect(value('SI(ER01.a > 0; 1; 2)', { a: 5 })).toBe(1);
    expect(value('SI(ER01.a > 0; 1; 2)', {})).toBeNull();
    expect(value('SI(ER01.a > 0; 1)', { a: -1 })).toBeNull();
  });

  it('evaluates text, date and list functions', () => {
    expect(value('NBCAR(ER01.s)', { s: 'hé!' })).toBe(3);
    expect(value("CORRESPOND(ER01.s; '[0-9]{9}')", { s: '123456789' }, 'boolean')).toBe(true);
    expect(value("CORRESPOND(ER01.s; '[0-9]{9}')", { s: '123456789x' }, 'boolean')).toBe(false);
    expect(value('ANNEE(ER01.d)', { d: '2024-02-29' })).toBe(2024);
    expect(value('DATE(2025; 2; 29)', {}, 'date')).toBeNull();
    expect(value('ER01.d < campagne.cloture', { d: '2025-06-30' }, 'boolean')).toBe(true);
    expect(value("ER01.d >= '2025-01-01'", { d: '2024-12-31' }, 'boolean')).toBe(false);
    expect(value("DANS(ER01.s; 'OPH'; 'ESH')", { s: 'ESH' }, 'boolean')).toBe(true);
    expect(value('DANS(organisme.departement; organisme.departements)', {}, 'boolean')).toBe(true);
    expect(value('ENTRE(ER01.a; 1; 3)', { a: 3 }, 'boolean')).toBe(true);
    expect(value('ABS(ER01.a)', { a: -4.5 })).toBe(4.5);
    expect(value('campagne.exercice')).toBe(2025);
    expect(value("organisme.famille = 'OPH'", {}, 'boolean')).toBe(true);
  });

  it('reads the previous exercice by stable code, attachments and other forms', () => {
    const ctx = testContext({ previous: { ER01_A: 100 }, attachments: { comptes: 2 }, otherForms: { dis: { 'DIS04.pf': 7 } } });
    expect(value('N1(ER01.a) + dis::DIS04.pf', {}, 'number', {}, ctx)).toBe(107);
    expect(value('N1(ER01.b)', {}, 'number', {}, ctx)).toBeNull();
  });

  it('treats division by zero as an error, reported by the check', () => {
    expect(value('ER01.a / ER01.b', { a: 1, b: 0 })).toBeNull();
    expect(status('ER01.a / ER01.b > 1', { a: 1, b: 0 })).toBe('error');
  });

  it('treats wrong-typed answers as blank', () => {
    expect(value('ER01.a + 1', { a: '12' })).toBeNull();
    expect(value('ER01.a + 1', { a: Number.NaN })).toBeNull();
  });
});

describe('exact totals', () => {
  it('sums a column of 5,000 amounts with cents exactly, in full and incrementally', () => {
    const b = packageBuilder()
      .table('T.lignes', { montant: 'number' })
      .field('T.total', computed())
      .rule({ id: 'S', kind: 'computed', target: 'T.total', expr: 'SOMME(T.lignes.montant)' });
    const rows = Array.from({ length: 5000 }, (_, i) => ({ montant: ((i * 7919) % 1000003) / 100 + 0.01 }));
    const cents = rows.reduce((acc, r) => acc + Math.round(r.montant * 100), 0);
    const floatSum = rows.reduce((acc, r) => acc + r.montant, 0);
    expect(floatSum).not.toBe(cents / 100); // the naive float sum drifts
    const compiled = compile(b);
    expect(evaluate(compiled, { T: { lignes: rows } }, testContext()).computed.T.total).toBe(cents / 100);
    const session = createSession(compiled, { T: { lignes: rows } }, testContext());
    session.set('T', 'lignes.montant', 17, 0.1);
    session.set('T', 'lignes.montant', 18, null);
    const expected = cents - Math.round(rows[17].montant * 100) + 10 - Math.round(rows[18].montant * 100);
    expect(session.report().computed.T.total).toBe(expected / 100);
  });
});

describe('PROCHE', () => {
  it('uses max(1, 0.5 × additive operands) as default tolerance', () => {
    expect(status('PROCHE(ER01.a; ER01.b)', { a: 100, b: 101 })).toBe('pass');
    expect(status('PROCHE(ER01.a; ER01.b)', { a: 100, b: 101.01 })).toBe('fail');
    // 1 + 3 operands: tolerance 2
    expect(status('PROCHE(ER01.a; ER01.b + ER01.c - 1)', { a: 100, b: 100, c: 3 })).toBe('pass');
    expect(status('PROCHE(ER01.a; ER01.b + ER01.c - 1)', { a: 100, b: 100, c: 3.01 })).toBe('fail');
  });

  it('accepts an absolute and a relative tolerance', () => {
    expect(status('PROCHE(ER01.a; ER01.b; 0)', { a: 0.1, b: 0.1 })).toBe('pass');
    expect(status('PROCHE(ER01.a; ER01.b; 5)', { a: 100, b: 105 })).toBe('pass');
    expect(status('PROCHE(ER01.a; ER01.b; 0; 0.01)', { a: 1000, b: 1010 })).toBe('pass');
    expect(status('PROCHE(ER01.a; ER01.b; 0; 0.01)', { a: 1000, b: 1011 })).toBe('fail');
  });

  it('is not applicable while a side is blank', () => {
    expect(status('PROCHE(ER01.a; ER01.b)', { a: 1 })).toBe('not_applicable');
  });
});

describe('rules', () => {
  const pkg = () =>
    compile(
      sheetFields(packageBuilder())
        .attachmentCategory('comptes_certifies')
        .rule({ id: 'T', kind: 'computed', target: 'ER01.total.brut', expr: 'SOMME(ER01.*.brut)' })
        .rule({
          id: 'R',
          kind: 'computed',
          forEach: 'ER09.emprunts',
          target: 'ligne.crd_calc',
          expr: 'ligne.crd_debut + ligne.mobilisations - ligne.amort',
        })
        .rule({
          id: 'C09',
          kind: 'check',
          severity: 'warning',
          forEach: 'ER09.emprunts',
          assert: 'PROCHE(ligne.crd_fin; ligne.crd_calc)',
          message: 'Emprunt {{ligne.numero}} : {{euros ligne.crd_fin}}',
        })
        .rule({
          id: 'C01',
          kind: 'check',
          severity: 'blocking',
          when: 'NON(ESTVIDE(ER01.a))',
          assert: 'ER01.total.brut = ER01.a',
          values: { total: 'ER01.total.brut' },
          message: 'Total {{euros total}}',
        })
        .rule({
          id: 'Q1',
          kind: 'required',
          severity: 'blocking',
          when: "organisme.famille = 'OPH'",
          fields: ['ER01.b', 'ER01.c'],
          message: 'Le champ {{champ}} est obligatoire.',
        })
        .rule({ id: 'PJ', kind: 'attachment', severity: 'info', category: 'comptes_certifies', message: 'Joignez les comptes.' }),
    );
  const answers: Answers = {
    ER01: { terrains: { brut: 1000.1 }, constructions: { brut: 2000.2 }, a: 3000, c: 5 },
    ER09: {
      emprunts: [
        { numero: 'A-1', crd_debut: 100, mobilisations: 10, amort: 20, crd_fin: 90 },
        { numero: 'A-2', crd_debut: 50, mobilisations: 0, amort: 5, crd_fin: 40 },
      ],
    },
  };

  it('produces computed values, per-row results, fields, messages, counts and transmissibility', () => {
    const report = evaluate(pkg(), answers, testContext());
    expect(report.computed).toEqual({ ER01: { 'total.brut': 3000.3 }, ER09: { 'emprunts.crd_calc': [90, 45] } });
    const byRule = (id: string) => report.controls.filter((c) => c.ruleId === id);
    expect(byRule('C09').map((c) => [c.row, c.status])).toEqual([
      [0, 'pass'],
      [1, 'fail'],
    ]);
    expect(byRule('C09')[1].message).toBe('Emprunt A-2 : 40\u00a0€');
    expect(byRule('C09')[1].fields).toEqual(
      expect.arrayContaining([{ sheet: 'ER09', path: 'emprunts.crd_fin', row: 1, code: 'ER09_EMPRUNTS_CRD_FIN' }]),
    );
    expect(byRule('C01')[0]).toMatchObject({ status: 'fail', message: 'Total 3\u202f000,30\u00a0€' });
    expect(byRule('Q1')).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: 'Le champ b est obligatoire.',
        fields: [{ sheet: 'ER01', path: 'b', code: 'ER01_B' }],
      }),
    ]);
    expect(byRule('PJ')[0].status).toBe('fail');
    expect(report.counts).toEqual({ blocking: 2, warning: 1, info: 1 });
    expect(report.transmissible).toBe(false);
    expect(report.unjustified).toEqual([{ ruleId: 'C09', row: 1 }]);
  });

  it('lets a justification cover a failing warning, by rule or by row', () => {
    const fixed: Answers = { ...answers, ER01: { ...answers.ER01, a: 3000.3, b: 1 } };
    expect(evaluate(pkg(), fixed, testContext()).transmissible).toBe(false);
    expect(evaluate(pkg(), fixed, testContext(), { 'C09#1': 'Renégociation en cours' }).transmissible).toBe(true);
    expect(evaluate(pkg(), fixed, testContext(), { C09: 'Voir annexe' }).unjustified).toEqual([]);
    expect(evaluate(pkg(), fixed, testContext(), { 'C09#1': '  ' }).transmissible).toBe(false);
  });

  it('makes rules not applicable when `when` is false or blank', () => {
    const report = evaluate(pkg(), { ER01: {} }, testContext({ organisation: { ...testContext().organisation, kind: 'ESH' } }));
    expect(report.controls.find((c) => c.ruleId === 'C01')?.status).toBe('not_applicable');
    expect(report.controls.find((c) => c.ruleId === 'Q1')?.status).toBe('not_applicable');
  });

  it('reads attachments from the context', () => {
    const report = evaluate(pkg(), answers, testContext({ attachments: { comptes_certifies: 1 } }));
    expect(report.controls.find((c) => c.ruleId === 'PJ')?.status).toBe('pass');
  });

  it('ignores computed fields given as input and returns answers with them filled in', () => {
    const session = createSession(pkg(), { ...answers, ER01: { ...answers.ER01, total: { brut: 1 } } }, testContext());
    expect(session.answers().ER01).toMatchObject({ total: { brut: 3000.3 }, a: 3000 });
    expect((session.answers().ER09.emprunts as Array<Record<string, unknown>>)[1]).toMatchObject({ numero: 'A-2', crd_calc: 45 });
  });
});

describe('chains of computed totals', () => {
  it('computes totals of totals in dependency order, whatever the rule order', () => {
    const b = packageBuilder()
      .fields('S', { a: 'number', b: 'number', t1: computed(), t2: computed(), t3: computed(), t4: computed() })
      .rule({ id: 'R4', kind: 'computed', target: 'S.t4', expr: 'S.t3 + S.t1' })
      .rule({ id: 'R3', kind: 'computed', target: 'S.t3', expr: 'S.t2 * 2' })
      .rule({ id: 'R2', kind: 'computed', target: 'S.t2', expr: 'S.t1 + S.b' })
      .rule({ id: 'R1', kind: 'computed', target: 'S.t1', expr: 'S.a + 0.1' });
    const compiled = compile(b);
    expect(evaluate(compiled, { S: { a: 1, b: 2 } }, testContext()).computed.S).toEqual({ t1: 1.1, t2: 3.1, t3: 6.2, t4: 7.3 });
    const session = createSession(compiled, { S: { a: 1, b: 2 } }, testContext());
    expect(session.set('S', 'b', undefined, 3)).toEqual([
      { sheet: 'S', path: 't2', old: 3.1, new: 4.1 },
      { sheet: 'S', path: 't3', old: 6.2, new: 8.2 },
      { sheet: 'S', path: 't4', old: 7.3, new: 9.3 },
    ]);
    expect(session.set('S', 'b', undefined, 3)).toEqual([]);
  });
});
