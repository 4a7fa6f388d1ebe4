import { computed, packageBuilder } from '../testing';
import type { PackageBuilder } from '../testing';
import { checkRegexSafety } from '../../regex';
import { checkRules } from '.';

const base = (): PackageBuilder =>
  packageBuilder()
    .fields('ER01', {
      'terrains.brut': 'number',
      'constructions.brut': 'number',
      total_brut: computed(),
      total_double: computed(),
      libelle: 'string',
      cloture: 'date',
      ok: 'boolean',
      saisi: 'number',
    })
    .fields('ER02', { 'capital.n': 'number', famille: 'string' })
    .table('ER09.emprunts', { numero: 'string', crd_debut: 'number', crd_fin: 'number', crd_calc: computed() })
    .attachmentCategory('comptes_certifies');

const codesOf = (b: PackageBuilder) => checkRules(b.build()).diagnostics.map((d) => d.code);
const check = (assert: string, extra: object = {}) =>
  checkRules(
    base()
      .rule({ id: 'C1', kind: 'check', severity: 'blocking', assert, message: 'x', ...extra })
      .build(),
  ).diagnostics;

describe('checkRules', () => {
  it('accepts a well-formed package', () => {
    const result = checkRules(
      base()
        .rule({ id: 'T1', kind: 'computed', target: 'ER01.total_brut', expr: 'SOMME(ER01.*.brut)' })
        .rule({
          id: 'C1',
          kind: 'check',
          severity: 'blocking',
          assert: 'PROCHE(ER01.total_brut; ER02.capital.n)',
          values: { a: 'ER01.total_brut' },
          message: 'Écart {{euros a}} {{organisme.famille}}',
        })
        .rule({ id: 'R1', kind: 'computed', forEach: 'ER09.emprunts', target: 'ligne.crd_calc', expr: 'ligne.crd_debut - 1' })
        .rule({
          id: 'C2',
          kind: 'check',
          severity: 'warning',
          forEach: 'ER09.emprunts',
          assert: 'ligne.crd_fin <= SOMME(ER09.emprunts.crd_debut)',
          message: 'Emprunt {{ligne.numero}}',
        })
        .rule({
          id: 'Q1',
          kind: 'required',
          severity: 'blocking',
          when: "organisme.famille = 'OPH'",
          fields: ['ER02.capital.n'],
          message: 'Obligatoire',
        })
        .rule({ id: 'P1', kind: 'attachment', severity: 'blocking', category: 'comptes_certifies', message: 'Joignez' })
        .rule({
          id: 'X1',
          kind: 'check',
          severity: 'info',
          assert: "dis::DIS04.pf > 0 ET N1(ER02.capital.n) > 0 ET ER01.cloture >= '2025-01-01' ET NBPIECES('comptes_certifies') > 0",
          message: 'x',
        })
        .build(),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a syntax error with the rule, file, pointer and position inside the expression', () => {
    expect(check('ER01.saisi >\n  > 1')).toEqual([
      expect.objectContaining({ code: 'RULE_SYNTAX', file: 'rules.json', pointer: '/rules/0/assert', ruleId: 'C1', line: 2, column: 3 }),
    ]);
  });

  it.each([
    ['ER99.x = 1', 'RULE_UNKNOWN_SHEET', 1],
    ['ER01.nope = 1', 'RULE_UNKNOWN_FIELD', 1],
    ['1 = 1 ET ER09.emprunts = 1', 'RULE_TABLE_AS_VALUE', 10],
    ['organisme.age = 1', 'RULE_UNKNOWN_CONTEXT', 1],
    ['FOO(1) = 1', 'RULE_UNKNOWN_FUNCTION', 1],
    ['ABS(1; 2) = 1', 'RULE_ARITY', 1],
    ["ER01.saisi + 'a' = 1", 'RULE_TYPE_MISMATCH', 14],
    ['ER01.libelle > 1', 'RULE_TYPE_MISMATCH', 16],
    ['ER01.saisi', 'RULE_TYPE_MISMATCH', 1],
    ['ligne.crd_fin > 0', 'RULE_ROW_OUTSIDE_FOREACH', 1],
    ['ER09.emprunts.crd_fin > 0', 'RULE_COLUMN_OUTSIDE_AGGREGATE', 1],
    ['ABS(ER01.*.brut) > 0', 'RULE_COLUMN_OUTSIDE_AGGREGATE', 5],
    ['CORRESPOND(ER01.libelle; ER01.libelle)', 'RULE_EXPECTED_LITERAL', 26],
    ["CORRESPOND(ER01.libelle; '(a+)+$')", 'RULE_UNSAFE_REGEX', 26],
    ["CORRESPOND(ER01.libelle; '(')", 'RULE_INVALID_REGEX', 26],
    ['N1(1 + 1) > 0', 'RULE_EXPECTED_FIELD', 4],
    ["NBPIECES('inconnue') > 0", 'RULE_UNKNOWN_CATEGORY', 10],
    ["SI(ER01.ok; 1; 'a') = 1", 'RULE_TYPE_MISMATCH', 16],
  ])('%s → %s at column %d', (assert, code, column) => {
    expect(check(assert)).toEqual([expect.objectContaining({ code, column, pointer: '/rules/0/assert' })]);
  });

  it('resolves no reference through the prototype chain', () => {
    expect(
      check('ER01.__proto__ = 1 ET ER01.constructor = 1 ET organisme.constructor = 1 ET campagne.__proto__ = 1').map((d) => d.code),
    ).toEqual(['RULE_UNKNOWN_FIELD', 'RULE_UNKNOWN_FIELD', 'RULE_UNKNOWN_CONTEXT', 'RULE_UNKNOWN_CONTEXT']);
    expect(check('constructor(1) = 1').map((d) => d.code)).toEqual(['RULE_UNKNOWN_FUNCTION']);
  });

  it('collects every problem of an expression, not only the first', () => {
    expect(check('ER99.a = 1 ET ER01.nope = 1 ET FOO() = 1').map((d) => d.code)).toEqual([
      'RULE_UNKNOWN_SHEET',
      'RULE_UNKNOWN_FIELD',
      'RULE_UNKNOWN_FUNCTION',
    ]);
  });

  it('accepts ligne. and columns in a forEach rule and rejects unknown columns', () => {
    const diagnostics = check('ligne.nope > 0', { forEach: 'ER09.emprunts' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'RULE_UNKNOWN_FIELD', column: 1 })]);
    expect(check('ligne.crd_fin > 0', { forEach: 'ER09.nope' })[0]).toMatchObject({
      code: 'RULE_UNKNOWN_TABLE',
      pointer: '/rules/0/forEach',
    });
  });

  it('reports duplicate ids and checks every rule', () => {
    const codes = codesOf(
      base()
        .rule({ id: 'A', kind: 'check', severity: 'info', assert: 'ER99.x = 1', message: 'm' })
        .rule({ id: 'A', kind: 'check', severity: 'info', assert: 'ER98.x = 1', message: 'm' }),
    );
    expect(codes).toEqual(['RULE_UNKNOWN_SHEET', 'RULE_DUPLICATE_ID', 'RULE_UNKNOWN_SHEET']);
  });

  it('checks computed targets: unknown, not read-only, targeted twice, type', () => {
    const diagnostics = checkRules(
      base()
        .rule({ id: 'T1', kind: 'computed', target: 'ER01.inconnu', expr: '1' })
        .rule({ id: 'T2', kind: 'computed', target: 'ER01.saisi', expr: '1' })
        .rule({ id: 'T3', kind: 'computed', target: 'ER01.total_brut', expr: '1' })
        .rule({ id: 'T4', kind: 'computed', target: 'ER01.total_brut', expr: '2' })
        .rule({ id: 'T5', kind: 'computed', target: 'ER01.total_double', expr: "'texte'" })
        .build(),
    ).diagnostics;
    expect(diagnostics.map((d) => [d.ruleId, d.code, d.pointer])).toEqual([
      ['T1', 'RULE_UNKNOWN_TARGET', '/rules/0/target'],
      ['T2', 'RULE_TARGET_NOT_READONLY', '/rules/1/target'],
      ['T4', 'RULE_TARGET_DUPLICATE', '/rules/3/target'],
      ['T5', 'RULE_TYPE_MISMATCH', '/rules/4/expr'],
    ]);
  });

  it('finds cycles among computed fields, including through row-level columns', () => {
    const diagnostics = checkRules(
      base()
        .rule({ id: 'T1', kind: 'computed', target: 'ER01.total_brut', expr: 'ER01.total_double + 1' })
        .rule({ id: 'T2', kind: 'computed', target: 'ER01.total_double', expr: 'ER01.total_brut * 2' })
        .rule({ id: 'R1', kind: 'computed', forEach: 'ER09.emprunts', target: 'ligne.crd_calc', expr: 'SOMME(ER09.emprunts.crd_calc)' })
        .build(),
    ).diagnostics;
    expect(diagnostics.map((d) => [d.ruleId, d.code])).toEqual([
      ['T1', 'RULE_CYCLE'],
      ['T2', 'RULE_CYCLE'],
      ['R1', 'RULE_CYCLE'],
    ]);
  });

  it('rejects unsafe message templates', () => {
    const codes = (message: string) => check('VRAI', { message }).map((d) => d.code);
    expect(codes('{{{ organisme.nom }}}')).toEqual(['MESSAGE_UNESCAPED']);
    expect(codes('{{& organisme.nom }}')).toEqual(['MESSAGE_UNESCAPED']);
    expect(codes('{{> partiel }}')).toEqual(['MESSAGE_PARTIAL']);
    expect(codes('{{lookup organisme "nom"}}')).toEqual(['MESSAGE_UNKNOWN_HELPER']);
    expect(codes('{{organisme.constructor}}')).toEqual(['MESSAGE_FORBIDDEN_PROPERTY']);
    expect(codes('{{#each organisme.departements}}{{this}}{{/each}}')).toEqual([]);
    expect(codes('{{inconnu}}')).toEqual(['MESSAGE_UNKNOWN_VARIABLE']);
    expect(codes('{{ligne.numero}}')).toEqual(['MESSAGE_UNKNOWN_VARIABLE']);
    expect(codes('{{#if x}}')).toEqual(['MESSAGE_SYNTAX']);
  });

  it('checks rule shapes: severity, kind-specific properties, value names', () => {
    const codes = codesOf(
      base()
        .rule({ id: 'A', kind: 'check', assert: 'VRAI', message: 'm' })
        .rule({ id: 'B', kind: 'required', severity: 'info', fields: ['1 + 1'], message: 'm' })
        .rule({ id: 'C', kind: 'attachment', severity: 'info', category: 'autre', message: 'm' })
        .rule({ id: 'D', kind: 'check', severity: 'info', assert: 'VRAI', values: { __proto__x: '1', ligne: '1' }, message: 'm' }),
    );
    expect(codes).toEqual([
      'RULE_MISSING_PROPERTY',
      'RULE_EXPECTED_FIELD',
      'RULE_UNKNOWN_CATEGORY',
      'RULE_INVALID_VALUE_NAME',
      'RULE_INVALID_VALUE_NAME',
    ]);
  });

  it('ignores deactivated rules', () => {
    expect(codesOf(base().rule({ id: 'A', kind: 'check', severity: 'info', active: false, assert: 'ER99.x', message: 'm' }))).toEqual([]);
  });
});

describe('CORRESPOND patterns are screened by the shared regex safety check', () => {
  it.each(['(a+)+', '(a*)*b', '(a|a)*', '(a|ab)+', '(\\d+\\s?)+$', '(.*a){3,}', '(x+x+)+y', '(a)\\1', '(?=a)'])('rejects %s', (pattern) => {
    expect(checkRegexSafety(pattern).safe).toBe(false);
  });
  it.each([
    '[0-9]{9}',
    '\\d{5}',
    '[A-Z]{2}\\d+',
    '[a-z0-9._-]+@[a-z0-9.-]+',
    '(ab|cd)*',
    'FR\\d{2}( ?\\d{4}){5}',
    '(0[1-9]|1[0-2])/\\d{4}',
  ])('accepts %s', (pattern) => {
    expect(checkRegexSafety(pattern)).toEqual({ safe: true });
  });
});
