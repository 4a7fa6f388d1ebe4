import { diffPackages } from './diffPackages';
import { loadPackage } from '../package/load';
import { samplePackage } from '../package/testing';
import type { PackageChange } from './changes';

type Edit = Parameters<typeof samplePackage>[0];
const load = (edit?: Edit) => loadPackage(samplePackage(edit)).value!;
const base = load();
const changes = (edit: Edit) => diffPackages(base, load(edit));
const brief = (list: PackageChange[]) => list.map((c) => [c.kind, c.breaking]);

describe('diffPackages', () => {
  it('finds nothing between identical versions', () => {
    expect(diffPackages(base, load())).toEqual([]);
  });

  it('follows a renamed field by its stable code: a rename, not a removal plus an addition', () => {
    const list = changes(({ sheet }) => {
      sheet.properties.montant_total = sheet.properties.montant;
      delete sheet.properties.montant;
    });
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'field_renamed',
        breaking: false,
        code: 'S01_MONTANT',
        from: 'S01.montant',
        to: 'S01.montant_total',
        sheet: 'S01',
        path: 'montant_total',
      }),
    ]);
    expect(list[0].description).toBe(
      'Champ « Montant » déplacé ou renommé : S01.montant devient S01.montant_total (les réponses suivent).',
    );
  });

  it('marks a column moved to another table as breaking (its values cannot follow)', () => {
    const list = changes(({ sheet }) => {
      const p = sheet.properties;
      p.prets = { type: 'array', 'x-code': 'S01_PRETS', items: { type: 'object', properties: { taux: p.emprunts.items.properties.taux } } };
      delete p.emprunts.items.properties.taux;
    });
    expect(list).toContainEqual(
      expect.objectContaining({ kind: 'field_renamed', code: 'S01_EMPRUNT_TAUX', breaking: true, to: 'S01.prets.taux' }),
    );
  });

  it('marks a narrowing type change as breaking and a widening one as not', () => {
    expect(brief(changes(({ sheet }) => (sheet.properties.effectif.type = 'number')))).toEqual([['field_type_changed', false]]);
    const narrowing = changes(({ sheet }) => {
      sheet.properties.montant.type = 'integer';
    });
    expect(narrowing).toEqual([expect.objectContaining({ kind: 'field_type_changed', breaking: true, from: 'number', to: 'integer' })]);
    expect(narrowing[0].description).toContain('nombre devient nombre entier');
  });

  it('reports relabelled fields, unit changes, choices and computed status', () => {
    const list = changes(({ sheet }) => {
      sheet.properties.montant.title = 'Montant total';
      sheet.properties.effectif['x-unit'] = 'jours';
      sheet.properties.famille.oneOf = [
        { const: 'OPH', title: 'Office' },
        { const: 'COOP', title: 'Coopérative' },
      ];
      sheet.properties.terrains.properties.brut.readOnly = true;
    });
    expect(brief(list)).toEqual([
      ['field_relabelled', false],
      ['field_unit_changed', true],
      ['field_choices_changed', true],
      ['field_computed_changed', true],
    ]);
    expect(list[2].description).toContain('retirés : « ESH »');
  });

  it('reports sheets, tables and fields added and removed', () => {
    const list = diffPackages(
      base,
      load(({ manifest, sheet }) => {
        manifest.sheets[0].title = 'Feuillet principal';
        delete sheet.properties.emprunts;
        sheet.properties.nouveau = { type: 'number', 'x-code': 'S01_NOUVEAU' };
      }),
    );
    expect(brief(list)).toEqual([
      ['sheet_retitled', false],
      ['table_removed', true],
      ['field_added', false],
      ['field_removed', true],
      ['field_removed', true],
    ]);
    expect(
      brief(
        diffPackages(
          load(({ manifest }) => manifest.sheets.pop() && manifest.sheets.push({ id: 'S02', schema: 'sheets/S01.schema.json' })),
          base,
        ),
      ).slice(0, 2),
    ).toEqual([
      ['sheet_added', false],
      ['sheet_removed', true],
    ]);
  });

  it('reports rule severity changes: stricter is breaking, looser is not', () => {
    const looser = changes(({ rules }) => (rules.rules[1].severity = 'info'));
    expect(looser).toEqual([
      expect.objectContaining({ kind: 'rule_severity_changed', ruleId: 'C01', breaking: false, from: 'blocking', to: 'info' }),
    ]);
    expect(looser[0].description).toBe('Règle C01 : gravité « bloquante » devient « information ».');
    expect(
      diffPackages(
        load(({ rules }) => (rules.rules[1].severity = 'info')),
        base,
      ),
    ).toEqual([expect.objectContaining({ kind: 'rule_severity_changed', breaking: true })]);
  });

  it('reports rule expression, activation and message changes, additions and removals', () => {
    const list = changes(({ rules }) => {
      rules.rules[1].assert = 'S01.montant > 0';
      rules.rules[1].message = 'Montant nul ou négatif.';
      rules.rules[2].active = false;
      rules.rules.push({ id: 'C02', kind: 'check', severity: 'blocking', assert: 'VRAI', message: 'x' });
      rules.rules.splice(0, 1);
    });
    expect(list.map((c) => [c.kind, c.ruleId, c.attribute, c.breaking])).toEqual([
      ['rule_expression_changed', 'C01', 'assert', true],
      ['rule_message_changed', 'C01', 'message', false],
      ['rule_activation_changed', 'PJ01', 'active', false],
      ['rule_added', 'C02', undefined, true],
      ['rule_removed', 'T_NET', undefined, false],
    ]);
  });

  it('reports attachment categories added, changed and removed', () => {
    const list = changes(({ manifest }) => {
      manifest.attachments = [
        { code: 'comptes', label: 'Comptes', accept: ['xlsx'] },
        { code: 'rapport', label: 'Rapport', accept: ['pdf'] },
      ];
    });
    expect(brief(list)).toEqual([
      ['attachment_changed', true],
      ['attachment_added', false],
    ]);
    expect(brief(changes(({ manifest }) => (manifest.attachments = [])))).toEqual([['attachment_removed', true]]);
  });

  it('writes every description as one French sentence', () => {
    const list = changes(({ sheet, rules }) => {
      sheet.properties.montant.type = 'integer';
      rules.rules[1].severity = 'warning';
    });
    for (const c of list) expect(c.description).toMatch(/^[A-ZÉ].*\.$/);
  });
});
