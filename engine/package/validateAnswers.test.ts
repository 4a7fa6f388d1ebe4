import { loadPackage } from './load';
import { validateAnswers } from './validateAnswers';
import { samplePackage } from './testing';
import type { FieldError } from './model';

const pkg = loadPackage(samplePackage()).value!;
const valid = {
  S01: {
    siren: '123456789',
    montant: 1500.5,
    effectif: 12,
    cloture: '2025-12-31',
    certifie: true,
    famille: 'OPH',
    terrains: { brut: 10, net: null },
    emprunts: [{ numero: 'A1', taux: 2.5 }, { numero: 'A2' }],
  },
};
const summary = (errors: FieldError[]) => errors.map((e) => [e.sheet, e.path, e.row, e.keyword]);

describe('validateAnswers', () => {
  it('accepts valid answers, blanks (missing or null) included', () => {
    expect(validateAnswers(pkg, valid)).toEqual([]);
    expect(validateAnswers(pkg, { S01: { siren: '123456789', terrains: { brut: 0 }, montant: null } })).toEqual([]);
  });

  it('checks types, with the field, its code and a French message', () => {
    const errors = validateAnswers(pkg, { S01: { ...valid.S01, montant: '12', effectif: 1.5, certifie: 'oui', cloture: 20251231 } });
    expect(summary(errors)).toEqual([
      ['S01', 'montant', undefined, 'type'],
      ['S01', 'effectif', undefined, 'type'],
      ['S01', 'cloture', undefined, 'type'],
      ['S01', 'certifie', undefined, 'type'],
    ]);
    expect(errors[0]).toMatchObject({ code: 'S01_MONTANT', message: 'Montant : un nombre est attendu, pas « 12 ».' });
  });

  it('checks bounds, lengths, patterns, enums and dates', () => {
    const errors = validateAnswers(pkg, {
      S01: { ...valid.S01, montant: -1, effectif: 1001, siren: '12345678X', famille: 'SEM', cloture: '2025-02-30' },
    });
    expect(summary(errors)).toEqual([
      ['S01', 'siren', undefined, 'pattern'],
      ['S01', 'montant', undefined, 'minimum'],
      ['S01', 'effectif', undefined, 'maximum'],
      ['S01', 'cloture', undefined, 'format'],
      ['S01', 'famille', undefined, 'enum'],
    ]);
    expect(errors[1].message).toBe('Montant : la valeur doit être supérieure ou égale à 0 €.');
    expect(errors[3].message).toContain("n'existe pas");
    expect(summary(validateAnswers(pkg, { S01: { ...valid.S01, siren: '1234567890' } }))).toEqual([
      ['S01', 'siren', undefined, 'maxLength'],
    ]);
    expect(validateAnswers(pkg, { S01: { ...valid.S01, cloture: '31/12/2025' } })[0].message).toContain('AAAA-MM-JJ');
  });

  it('checks required fields, including inside groups and table rows, unless partial', () => {
    const answers = { S01: { terrains: { net: 3 }, emprunts: [{ taux: 1 }] } };
    expect(summary(validateAnswers(pkg, answers))).toEqual([
      ['S01', 'siren', undefined, 'required'],
      ['S01', 'terrains.brut', undefined, 'required'],
      ['S01', 'emprunts.numero', 0, 'required'],
    ]);
    expect(validateAnswers(pkg, answers, { partial: true })).toEqual([]);
    expect(summary(validateAnswers(pkg, {}))).toEqual([['S01', 'siren', undefined, 'required']]);
  });

  it('rejects unknown sheets and properties, at every level', () => {
    const errors = validateAnswers(pkg, {
      S09: {},
      S01: { ...valid.S01, extra: 1, terrains: { brut: 1, autre: 2 }, emprunts: [{ numero: 'A', x: 1 }] },
    });
    expect(summary(errors)).toEqual([
      ['S09', '', undefined, 'additionalProperties'],
      ['S01', 'extra', undefined, 'additionalProperties'],
      ['S01', 'terrains.autre', undefined, 'additionalProperties'],
      ['S01', 'emprunts.x', 0, 'additionalProperties'],
    ]);
  });

  it('checks tables: list shape, rows, row cells with their row number, maxItems', () => {
    const rows = [{ numero: 'A' }, { numero: 'B', taux: 101 }, 'ligne', { numero: 'D' }];
    const errors = validateAnswers(pkg, { S01: { ...valid.S01, emprunts: rows } });
    expect(summary(errors)).toEqual([
      ['S01', 'emprunts', undefined, 'maxItems'],
      ['S01', 'emprunts.taux', 1, 'maximum'],
      ['S01', 'emprunts', 2, 'type'],
    ]);
    expect(errors[1].message).toBe('Emprunts, ligne 2 – Taux : la valeur doit être inférieure ou égale à 100 %.');
    expect(summary(validateAnswers(pkg, { S01: { ...valid.S01, emprunts: {} } }))).toEqual([['S01', 'emprunts', undefined, 'type']]);
  });

  it('rejects answers that are not an object of sheets', () => {
    expect(summary(validateAnswers(pkg, []))).toEqual([['', '', undefined, 'type']]);
    expect(summary(validateAnswers(pkg, { S01: 'x' }))).toEqual([['S01', '', undefined, 'type']]);
  });

  it('never lets a "__proto__" key through', () => {
    const answers = JSON.parse('{"S01": {"siren": "123456789", "terrains": {"brut": 1}, "__proto__": {"polluted": true}}}');
    expect(summary(validateAnswers(pkg, answers))).toEqual([['S01', '__proto__', undefined, 'additionalProperties']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
