import * as fs from 'fs';
import { loadPackage } from './load';
import { applyPrefill } from './prefill';
import { bundleFromFiles } from './bundle';
import { DIAGNOSTIC_CODES } from './messages';
import { json, samplePackage, type Json } from './testing';
import type { PackageFiles } from '../api';

const props = (sheet: Json) => sheet.properties as Json;

function codesOf(files: PackageFiles) {
  return loadPackage(files).diagnostics.map((d) => d.code);
}

describe('loadPackage on a valid package', () => {
  const result = loadPackage(samplePackage());

  it('loads without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('indexes fields with sheet, path, code, type, unit, group, table and pointer', () => {
    const fields = result.value!.fields;
    expect(fields.map((f) => f.path)).toEqual([
      'siren',
      'montant',
      'effectif',
      'cloture',
      'certifie',
      'famille',
      'terrains.brut',
      'terrains.net',
      'emprunts.numero',
      'emprunts.taux',
    ]);
    expect(fields.find((f) => f.path === 'terrains.net')).toEqual({
      sheet: 'S01',
      path: 'terrains.net',
      code: 'S01_TERRAINS_NET',
      type: 'number',
      title: 'Net',
      unit: 'EUR',
      group: 'terrains',
      readOnly: true,
      pointer: '/properties/terrains/properties/net',
    });
    expect(fields.find((f) => f.path === 'cloture')!.type).toBe('date');
    expect(fields.find((f) => f.path === 'famille')!.enum).toEqual(['OPH', 'ESH']);
    expect(fields.find((f) => f.path === 'emprunts.taux')).toMatchObject({
      table: 'emprunts',
      unit: '%',
      pointer: '/properties/emprunts/items/properties/taux',
    });
    expect(result.value!.tables).toEqual([
      { sheet: 'S01', path: 'emprunts', code: 'S01_EMPRUNTS', title: 'Emprunts', key: 'numero', pointer: '/properties/emprunts' },
    ]);
  });

  it('reads rules with their file, pointer and origin', () => {
    expect(result.value!.rules[1]).toEqual({
      id: 'C01',
      kind: 'check',
      severity: 'blocking',
      assert: 'S01.montant >= 0',
      message: 'Montant négatif.',
      file: 'rules.json',
      pointer: '/rules/1',
      origin: 'test-form@2025.1',
    });
  });

  it('applies manifest defaults and takes rules.json when the manifest lists no rules file', () => {
    const files = samplePackage(({ manifest }) => {
      delete manifest.rules;
      delete manifest.attachments;
    });
    files['rules.json'] = json({ rules: [{ id: 'C01', kind: 'check', severity: 'info', assert: 'VRAI', message: 'ok' }] });
    const pkg = loadPackage(files).value!;
    expect(pkg.manifest.rules).toEqual(['rules.json']);
    expect(pkg.manifest.attachments).toEqual([]);
    expect(pkg.manifest.prefill).toEqual([]);
    expect(pkg.manifest.templates).toEqual({});
    expect(pkg.manifest.description).toBeUndefined();
    expect(loadPackage(samplePackage(({ manifest }) => (manifest.description = 'Introduction.'))).value!.manifest.description).toBe(
      'Introduction.',
    );
    expect(pkg.rules.map((r) => r.id)).toEqual(['C01']);
  });

  it('loads the same package from its bundle', () => {
    const files = samplePackage();
    const fromBundle = loadPackage(bundleFromFiles({ ...files, 'fixtures/a.json': '{}' }));
    expect(fromBundle.ok).toBe(true);
    expect(fromBundle.value!.fields).toEqual(result.value!.fields);
  });
});

describe('loadPackage diagnostics', () => {
  it('JSON_SYNTAX gives the file, line and column', () => {
    const files = samplePackage();
    files['sheets/S01.schema.json'] = '{\n  "type": "object",\n  "properties": { "a": 1, }\n}';
    expect(loadPackage(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'JSON_SYNTAX', file: 'sheets/S01.schema.json', line: 3, column: 27 }),
    ]);
  });

  it('JSON_TOO_DEEP stops deeply nested files', () => {
    const files = samplePackage();
    files['sheets/S01.schema.json'] = '['.repeat(40) + ']'.repeat(40);
    expect(codesOf(files)).toEqual(['JSON_TOO_DEEP']);
  });

  it('JSON_DUPLICATE_KEY points at the repeated key', () => {
    const files = samplePackage();
    files['manifest.json'] = files['manifest.json'].replace(
      '"title": "Formulaire de test",',
      '"title": "Formulaire de test", "title": "Encore",',
    );
    expect(loadPackage(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'JSON_DUPLICATE_KEY', file: 'manifest.json', pointer: '/title' }),
    ]);
  });

  it('FILE_MISSING for the manifest and for a referenced file, at the referring pointer', () => {
    expect(loadPackage({}).diagnostics).toEqual([expect.objectContaining({ code: 'FILE_MISSING', file: 'manifest.json' })]);
    const files = samplePackage();
    delete files['sheets/S01.schema.json'];
    expect(loadPackage(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'FILE_MISSING', file: 'manifest.json', pointer: '/sheets/0/schema' }),
    ]);
  });

  it('FILE_TOO_LARGE and PACKAGE_TOO_LARGE enforce the size limits', () => {
    const files = samplePackage();
    files['sheets/S01.schema.json'] = json({ ...JSON.parse(files['sheets/S01.schema.json']), description: 'x'.repeat(300 * 1024) });
    expect(codesOf(files)).toEqual(['FILE_TOO_LARGE']);
    const many = samplePackage();
    for (let i = 0; i < 501; i++) many[`extra/${i}.txt`] = '';
    expect(codesOf(many)).toContain('PACKAGE_TOO_LARGE');
  });

  it('MANIFEST_INVALID reports every manifest problem with its pointer', () => {
    const files = samplePackage(({ manifest }) => {
      manifest.owner = 'ACME';
      manifest.version = '2025';
      manifest.audience = ['OPH', 'HLM'];
      manifest.colour = 'bleu';
      manifest.templates = { Reçu: 'templates/recu.hbs' };
      delete manifest.title;
    });
    const diagnostics = loadPackage(files).diagnostics.filter((d) => d.code === 'MANIFEST_INVALID');
    expect(diagnostics.map((d) => d.pointer).sort()).toEqual(
      ['', '/audience/1', '/colour', '/owner', '/templates/Reçu', '/version'].sort(),
    );
    expect(diagnostics.find((d) => d.pointer === '/owner')!.message).toContain('« ACME »');
  });

  it('MANIFEST_SHEET_SOURCE when a sheet has both or neither schema and shared', () => {
    const files = samplePackage(({ manifest }) => {
      manifest.sheets.push({ id: 'S02' });
    });
    expect(loadPackage(files).diagnostics).toEqual([expect.objectContaining({ code: 'MANIFEST_SHEET_SOURCE', pointer: '/sheets/1' })]);
  });

  it('SHEET_DUPLICATE_ID', () => {
    const files = samplePackage(({ manifest }) => manifest.sheets.push({ ...manifest.sheets[0] }));
    expect(loadPackage(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'SHEET_DUPLICATE_ID', file: 'manifest.json', pointer: '/sheets/1/id' }),
    ]);
  });

  const sheetCases: Array<[string, (sheet: Json) => void, string, string]> = [
    ['SHEET_NOT_OBJECT', (s) => (s.type = 'array'), 'SHEET_NOT_OBJECT', '/type'],
    ['unknown keyword at the root', (s) => (s.allOf = []), 'SHEET_KEYWORD_UNSUPPORTED', '/allOf'],
    ['unknown keyword on a field', (s) => (props(s).montant.anyOf = []), 'SHEET_KEYWORD_UNSUPPORTED', '/properties/montant/anyOf'],
    [
      'keyword of another type (maxLength on a number)',
      (s) => (props(s).montant.maxLength = 3),
      'SHEET_KEYWORD_UNSUPPORTED',
      '/properties/montant/maxLength',
    ],
    ['badly typed keyword', (s) => (props(s).montant.minimum = '0'), 'SHEET_KEYWORD_INVALID', '/properties/montant/minimum'],
    ['additionalProperties true', (s) => (s.additionalProperties = true), 'SHEET_KEYWORD_INVALID', '/additionalProperties'],
    ['wrong $schema', (s) => (s.$schema = 'http://json-schema.org/draft-07/schema#'), 'SHEET_KEYWORD_INVALID', '/$schema'],
    ['property key with capitals', (s) => (props(s).Montant = props(s).montant), 'SHEET_KEY_INVALID', '/properties/Montant'],
    [
      'group inside a group',
      (s) => (props(s).terrains.properties.sous = { type: 'object', properties: {} }),
      'SHEET_NESTING',
      '/properties/terrains/properties/sous',
    ],
    ['table of scalars', (s) => (props(s).emprunts.items = { type: 'number' }), 'SHEET_NESTING', '/properties/emprunts/items'],
    ['union type', (s) => (props(s).montant.type = ['number', 'null']), 'SHEET_TYPE_UNSUPPORTED', '/properties/montant/type'],
    ['missing x-code on a leaf', (s) => delete props(s).montant['x-code'], 'SHEET_CODE_MISSING', '/properties/montant'],
    ['missing x-code on a table', (s) => delete props(s).emprunts['x-code'], 'SHEET_CODE_MISSING', '/properties/emprunts'],
    ['malformed x-code', (s) => (props(s).montant['x-code'] = 's01-montant'), 'SHEET_CODE_INVALID', '/properties/montant/x-code'],
    ['duplicate x-code', (s) => (props(s).effectif['x-code'] = 'S01_MONTANT'), 'SHEET_CODE_DUPLICATE', '/properties/effectif/x-code'],
    ['unknown unit', (s) => (props(s).montant['x-unit'] = 'euros'), 'SHEET_UNIT_INVALID', '/properties/montant/x-unit'],
    ['unit on text', (s) => (props(s).siren['x-unit'] = 'EUR'), 'SHEET_UNIT_MISPLACED', '/properties/siren/x-unit'],
    ['pattern without maxLength', (s) => delete props(s).siren.maxLength, 'SHEET_PATTERN_UNBOUNDED', '/properties/siren/pattern'],
    ['pattern that does not compile', (s) => (props(s).siren.pattern = '^[0-9'), 'SHEET_PATTERN_INVALID', '/properties/siren/pattern'],
    [
      'pattern with overlapping alternatives',
      (s) => (props(s).siren.pattern = '^(a|a)*$'),
      'SHEET_PATTERN_UNSAFE',
      '/properties/siren/pattern',
    ],
    ['pattern with nested quantifiers', (s) => (props(s).siren.pattern = '^(a+)+$'), 'SHEET_PATTERN_UNSAFE', '/properties/siren/pattern'],
    ['format other than date', (s) => (props(s).cloture.format = 'email'), 'SHEET_FORMAT_UNSUPPORTED', '/properties/cloture/format'],
    ['external $ref', (s) => (props(s).lien = { $ref: 'https://evil.example/x.json' }), 'SHEET_REF_EXTERNAL', '/properties/lien/$ref'],
    ['local file $ref', (s) => (props(s).lien = { $ref: '../other.json#/a' }), 'SHEET_REF_EXTERNAL', '/properties/lien/$ref'],
    ['internal $ref', (s) => (props(s).lien = { $ref: '#/$defs/montant' }), 'SHEET_REF_UNSUPPORTED', '/properties/lien/$ref'],
    ['required naming nothing', (s) => s.required.push('inconnu'), 'SHEET_REQUIRED_UNKNOWN', '/required/1'],
    ['enum value of the wrong type', (s) => (props(s).effectif.enum = [1, 'deux']), 'SHEET_ENUM_INVALID', '/properties/effectif/enum/1'],
    [
      'oneOf option without title',
      (s) => (props(s).famille.oneOf[1] = { const: 'ESH' }),
      'SHEET_ENUM_INVALID',
      '/properties/famille/oneOf/1',
    ],
    ['x-key naming no column', (s) => (props(s).emprunts['x-key'] = 'contrat'), 'SHEET_TABLE_KEY_UNKNOWN', '/properties/emprunts/x-key'],
  ];

  it.each(sheetCases)('%s', (_name, edit, code, pointer) => {
    const diagnostics = loadPackage(samplePackage(({ sheet }) => edit(sheet))).diagnostics;
    expect(diagnostics).toContainEqual(expect.objectContaining({ code, file: 'sheets/S01.schema.json', pointer }));
    expect(diagnostics.every((d) => d.message.length > 0)).toBe(true);
  });

  it('reports every problem of a package at once', () => {
    const files = samplePackage(({ manifest, sheet }) => {
      manifest.owner = 'ACME';
      props(sheet).montant['x-unit'] = 'euros';
      delete props(sheet).effectif['x-code'];
      props(sheet).siren.pattern = '(a+)+';
    });
    expect(codesOf(files).sort()).toEqual(['MANIFEST_INVALID', 'SHEET_CODE_MISSING', 'SHEET_PATTERN_UNSAFE', 'SHEET_UNIT_INVALID']);
  });

  it('RULES_FILE_INVALID points into the rules file and leaves the broken rule out', () => {
    const files = samplePackage(({ rules }) => {
      rules.rules.push({ id: 'C02', kind: 'check', assert: 'VRAI' });
      rules.rules.push({ id: 'C03', kind: 'bizarre' });
    });
    const diagnostics = loadPackage(files).diagnostics;
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'RULES_FILE_INVALID', file: 'rules.json', pointer: '/rules/3' }));
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'RULES_FILE_INVALID', file: 'rules.json', pointer: '/rules/4/kind' }),
    );
  });

  it('RULE_ID_DUPLICATE across rules files', () => {
    const files = samplePackage(({ manifest }) => manifest.rules.push('more.json'));
    files['more.json'] = json({ rules: [{ id: 'C01', kind: 'check', severity: 'info', assert: 'VRAI', message: 'x' }] });
    expect(loadPackage(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'RULE_ID_DUPLICATE', file: 'more.json', pointer: '/rules/0/id', ruleId: 'C01' }),
    ]);
  });

  it('ATTACHMENT_DUPLICATE', () => {
    const files = samplePackage(({ manifest }) => manifest.attachments.push({ code: 'comptes', label: 'Autre', accept: ['pdf'] }));
    expect(loadPackage(files).diagnostics).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_DUPLICATE', pointer: '/attachments/1/code' }),
    ]);
  });

  it('PREFILL_SYNTAX, PREFILL_UNKNOWN_FIELD and PREFILL_TARGET_READONLY', () => {
    const files = samplePackage(({ manifest }) => {
      manifest.prefill = [
        'S01.montant <- S01.montant',
        'S01.montant = S01.effectif',
        'S01.inconnu <- S01.montant',
        'S01.terrains.net <- S01.terrains.brut',
        'S01.emprunts.taux <- S01.montant',
      ];
    });
    expect(loadPackage(files).diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['PREFILL_SYNTAX', '/prefill/1'],
      ['PREFILL_UNKNOWN_FIELD', '/prefill/2'],
      ['PREFILL_TARGET_READONLY', '/prefill/3'],
      ['PREFILL_UNKNOWN_FIELD', '/prefill/4'],
    ]);
  });

  it('applyPrefill writes last year\u2019s values, found by stable code, into the new draft', () => {
    const pkg = loadPackage(
      samplePackage(
        ({ manifest }) =>
          (manifest.prefill = ['S01.montant <- S01.terrains.brut', 'S01.terrains.brut <- S01.effectif', 'S01.famille <- S01.famille']),
      ),
    ).value!;
    expect(applyPrefill(pkg, { S01_TERRAINS_BRUT: 1200, S01_EFFECTIF: 7, S01_AUTRE: 1 })).toEqual({
      S01: { montant: 1200, terrains: { brut: 7 } },
    });
  });

  it('TEMPLATE_UNSAFE and TEMPLATE_SYNTAX lint editor templates', () => {
    const files = samplePackage(
      ({ manifest }) => (manifest.templates = { receipt: 'templates/receipt.hbs', other: 'templates/other.hbs' }),
    );
    files['templates/receipt.hbs'] = '<p>{{{organisme.nom}}} {{> entete}}</p>';
    files['templates/other.hbs'] = '{{#if x}}sans fin';
    const diagnostics = loadPackage(files).diagnostics;
    expect(diagnostics.filter((d) => d.code === 'TEMPLATE_UNSAFE').map((d) => d.file)).toEqual([
      'templates/receipt.hbs',
      'templates/receipt.hbs',
    ]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'TEMPLATE_SYNTAX', file: 'templates/other.hbs' }));
  });

  it('UI_INVALID and UI_UNKNOWN_PROPERTY check UI schemas against their sheet', () => {
    const files = samplePackage(({ manifest }) => (manifest.sheets[0].ui = 'sheets/S01.ui.json'));
    files['sheets/S01.ui.json'] = json({
      'ui:order': ['siren'],
      montnat: { 'ui:widget': 'x' },
      terrains: { bruut: {} },
      emprunts: { items: { taux: {}, tx: {} } },
    });
    expect(loadPackage(files).diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['UI_UNKNOWN_PROPERTY', '/montnat'],
      ['UI_UNKNOWN_PROPERTY', '/terrains/bruut'],
      ['UI_UNKNOWN_PROPERTY', '/emprunts/items/tx'],
    ]);
    files['sheets/S01.ui.json'] = '[]';
    expect(codesOf(files)).toEqual(['UI_INVALID']);
  });

  it('BUNDLE_INVALID and FILE_PATH_INVALID for malformed bundles', () => {
    const bad = loadPackage({ format: 'harmonia-form-package@1', files: { '../etc/passwd': 'x', 'manifest.json': 3 } } as never);
    expect(bad.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['FILE_PATH_INVALID', '/files/..~1etc~1passwd'],
      ['BUNDLE_INVALID', '/files/manifest.json'],
    ]);
  });

  it('has a test for every diagnostic code of the catalogue', () => {
    const source = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(`${__dirname}/${f}`, 'utf8'))
      .join('\n');
    const untested = DIAGNOSTIC_CODES.filter((code) => !source.includes(`'${code}'`));
    expect(untested).toEqual([]);
  });
});
