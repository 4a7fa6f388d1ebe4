import fc from 'fast-check';
import { migrateAnswers } from './migrateAnswers';
import { loadPackage } from '../package/load';
import { samplePackage } from '../package/testing';
import type { Answers } from '../api';

const from = loadPackage(samplePackage()).value!;
/** The next version: a renamed field, a narrowed type, a removed field, fewer choices, a new computed field, a moved column. */
const to = loadPackage(
  samplePackage(({ sheet }) => {
    const p = sheet.properties;
    p.montant_total = p.montant;
    delete p.montant;
    p.effectif.type = 'number';
    p.cloture.format = undefined;
    delete p.cloture.format;
    delete p.certifie;
    p.famille.oneOf = [{ const: 'OPH', title: 'Office' }];
    p.terrains.properties.brut.readOnly = true;
    p.emprunts.items.properties.taux_pct = p.emprunts.items.properties.taux;
    delete p.emprunts.items.properties.taux;
    p.siren.type = 'integer';
    delete p.siren.pattern;
    delete p.siren.maxLength;
  }),
).value!;

describe('migrateAnswers', () => {
  const answers: Answers = {
    S01: {
      siren: '123456789',
      montant: 10,
      effectif: 3,
      cloture: '2025-12-31',
      certifie: true,
      famille: 'ESH',
      terrains: { brut: 5, net: 5 },
      emprunts: [{ numero: 'A', taux: 1.5 }, { numero: 'B' }],
    },
  };
  const result = migrateAnswers(answers, from, to);

  it('carries values by stable code to their new place', () => {
    expect(result.answers).toEqual({
      S01: {
        montant_total: 10,
        effectif: 3,
        cloture: '2025-12-31',
        terrains: { net: 5 },
        emprunts: [{ numero: 'A', taux_pct: 1.5 }, { numero: 'B' }],
      },
    });
    expect(result.carried).toContainEqual({
      code: 'S01_MONTANT',
      from: { sheet: 'S01', path: 'montant' },
      to: { sheet: 'S01', path: 'montant_total' },
      value: 10,
    });
    expect(result.carried).toContainEqual({
      code: 'S01_EMPRUNT_TAUX',
      from: { sheet: 'S01', path: 'emprunts.taux', row: 0 },
      to: { sheet: 'S01', path: 'emprunts.taux_pct', row: 0 },
      value: 1.5,
    });
    expect(result.carried.find((c) => c.code === 'S01_EFFECTIF')).toMatchObject({ converted: true });
  });

  it('lists every value it could not carry, with a reason and a French message', () => {
    expect(result.notCarried.map((n) => [n.code, n.path, n.reason, n.value])).toEqual([
      ['S01_SIREN', 'siren', 'type', '123456789'],
      ['S01_CERTIFIE', 'certifie', 'removed', true],
      ['S01_FAMILLE', 'famille', 'choices', 'ESH'],
      ['S01_TERRAINS_BRUT', 'terrains.brut', 'computed', 5],
    ]);
    expect(result.notCarried[1].message).toBe(
      "Le champ « Comptes certifiés » (S01.certifie) n'existe plus dans la nouvelle version : valeur non reprise.",
    );
  });

  it('reports values that no field of the source version describes', () => {
    const r = migrateAnswers(
      { S01: { inconnu: 1, terrains: { autre: 2 }, emprunts: [{ x: 3 }, 'ligne'] }, S99: { a: 1 } } as Answers,
      from,
      to,
    );
    expect(r.notCarried.map((n) => [n.sheet, n.path, n.row, n.reason])).toEqual([
      ['S01', 'inconnu', undefined, 'unknown'],
      ['S01', 'terrains.autre', undefined, 'unknown'],
      ['S01', 'emprunts.x', 0, 'unknown'],
      ['S01', 'emprunts', 1, 'unknown'],
      ['S99', '', undefined, 'unknown'],
    ]);
  });

  it('loses nothing: every value given is either carried or listed as not carried', () => {
    const scalar = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 5 }),
      fc.boolean(),
      fc.constant('2025-01-31'),
      fc.constant('OPH'),
      fc.constant('ESH'),
    );
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const row = fc.record({ numero: maybe(scalar), taux: maybe(scalar), intrus: maybe(scalar) }, { requiredKeys: [] });
    const sheet = fc.record(
      {
        siren: maybe(scalar),
        montant: maybe(scalar),
        effectif: maybe(scalar),
        cloture: maybe(scalar),
        certifie: maybe(scalar),
        famille: maybe(scalar),
        intrus: maybe(scalar),
        terrains: maybe(
          fc.oneof(fc.record({ brut: maybe(scalar), net: maybe(scalar), intrus: maybe(scalar) }, { requiredKeys: [] }), scalar),
        ),
        emprunts: maybe(fc.oneof(fc.array(fc.oneof(row, scalar), { maxLength: 4 }), scalar)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(sheet, (s) => {
        const input = JSON.parse(JSON.stringify({ S01: s })) as Answers;
        const r = migrateAnswers(input, from, to);
        const leaves: string[] = [];
        const walk = (v: unknown, path: string, row?: number) => {
          if (v === null || v === undefined) return;
          if (Array.isArray(v))
            v.forEach((item, i) =>
              typeof item === 'object' && item !== null
                ? Object.entries(item).forEach(([k, x]) => walk(x, `${path}.${k}`, i))
                : walk(item, path, i),
            );
          else if (typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, path ? `${path}.${k}` : k, row));
          else leaves.push(`${path}#${row ?? ''}`);
        };
        walk(input.S01, '');
        const accounted = [
          ...r.carried.map((c) => `${c.from.path}#${c.from.row ?? ''}`),
          ...r.notCarried.map((n) => `${n.path}#${n.row ?? ''}`),
        ];
        expect(accounted.sort()).toEqual(leaves.sort());
        for (const c of r.carried) {
          const [head, tail] = c.to.path.split('.');
          const container = r.answers[c.to.sheet][head] as unknown;
          const value =
            c.to.row !== undefined
              ? (container as Record<string, unknown>[])[c.to.row][tail]
              : tail
                ? (container as Record<string, unknown>)[tail]
                : container;
          expect(value).toEqual(c.value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
