import { loadForm, computedTarget } from './loadForm';
import { validateSheetSchemas } from './schemaDialect';
import { samplePackage } from './testing';
import type { RuleDef } from './model';

describe('loadForm', () => {
  it('loads and compiles a valid package', () => {
    const result = loadForm(samplePackage(), { validateSchemas: validateSheetSchemas });
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.package.manifest.id).toBe('test-form');
    expect(result.value!.rules.ruleCount).toBe(3);
  });

  it('FORM_READONLY_NOT_COMPUTED when a read-only field has no computed rule', () => {
    const files = samplePackage(({ rules }) => (rules.rules = rules.rules.filter((r: { id: string }) => r.id !== 'T_NET')));
    expect(loadForm(files).diagnostics).toEqual([
      expect.objectContaining({
        code: 'FORM_READONLY_NOT_COMPUTED',
        file: 'sheets/S01.schema.json',
        pointer: '/properties/terrains/properties/net/readOnly',
      }),
    ]);
  });

  it('refuses a computed rule whose target is not read-only (checked by the rule compiler)', () => {
    const files = samplePackage(({ rules }) => rules.rules.push({ id: 'T_MONTANT', kind: 'computed', target: 'S01.montant', expr: '1' }));
    expect(loadForm(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'RULE_TARGET_NOT_READONLY', file: 'rules.json', ruleId: 'T_MONTANT' }),
    ]);
  });

  it('a deactivated computed rule does not compute its field', () => {
    const files = samplePackage(({ rules }) => (rules.rules[0].active = false));
    expect(loadForm(files).diagnostics.map((d) => d.code)).toContain('FORM_READONLY_NOT_COMPUTED');
  });

  it('passes on the rule compiler\u2019s diagnostics and the schema validator\u2019s', () => {
    const files = samplePackage(({ rules, sheet }) => {
      rules.rules[1].assert = 'S01.inconnu > 0';
      sheet.properties.montant.examples = 'douze';
    });
    const codes = loadForm(files, { validateSchemas: validateSheetSchemas }).diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['SCHEMA_INVALID', 'RULE_UNKNOWN_FIELD']));
  });

  it('stops at the loader\u2019s diagnostics when the package does not load', () => {
    const files = samplePackage(({ manifest }) => (manifest.owner = 'ACME'));
    expect(loadForm(files).diagnostics.map((d) => d.code)).toEqual(['MANIFEST_INVALID']);
  });

  it('resolves the target of a row-level computed rule against its table', () => {
    const rule = { id: 'R', kind: 'computed', forEach: 'ER09.emprunts', target: 'ligne.crd', expr: '1' } as RuleDef;
    expect(computedTarget(rule)).toBe('ER09.emprunts.crd');
    expect(computedTarget({ ...rule, forEach: undefined, target: 'ER01.a.b' })).toBe('ER01.a.b');
    expect(computedTarget({ ...rule, kind: 'check' })).toBeUndefined();
  });
});
