import { loadPackage } from './load';
import { json, samplePackage, type Json } from './testing';
import type { PackageFiles } from '../api';

/** A DIS-like package owning sheet DIS02 and its rules. */
function disPackage(edit: (m: Json) => void = () => {}): PackageFiles {
  const manifest = {
    id: 'dis',
    version: '2025.1',
    exercice: 2025,
    title: 'DIS',
    owner: 'USH',
    audience: ['SEM'],
    sheets: [
      { id: 'DIS02', title: 'Patrimoine', schema: 'sheets/DIS02.schema.json' },
      { id: 'DIS03', title: 'Autre', schema: 'sheets/DIS03.schema.json' },
    ],
    rules: ['rules.json'],
    attachments: [{ code: 'liasse', label: 'Liasse', accept: ['pdf'] }],
  };
  edit(manifest);
  return {
    'manifest.json': json(manifest),
    'sheets/DIS02.schema.json': json({
      type: 'object',
      properties: {
        logements: { type: 'integer', title: 'Logements', 'x-code': 'DIS02_LOG' },
        total: { type: 'integer', title: 'Total', readOnly: true, 'x-code': 'DIS02_TOT' },
      },
    }),
    'sheets/DIS03.schema.json': json({ type: 'object', properties: { autre: { type: 'number', 'x-code': 'DIS03_AUTRE' } } }),
    'rules.json': json({
      rules: [
        { id: 'T_TOT', kind: 'computed', target: 'DIS02.total', expr: 'DIS02.logements' },
        {
          id: 'D01',
          kind: 'check',
          severity: 'warning',
          assert: "DIS02.logements > 0 ET organisme.famille <> 'DIS03.x'",
          message: 'Vide.',
        },
        { id: 'D02', kind: 'check', severity: 'warning', assert: 'DIS02.logements > DIS03.autre', message: 'Croisé.' },
        { id: 'D03', kind: 'check', severity: 'info', assert: "organisme.famille = 'SEM'", message: 'Sans feuillet.' },
        { id: 'PJ', kind: 'attachment', severity: 'blocking', category: 'liasse', message: 'Liasse.' },
      ],
    }),
  };
}

/** Prefixes every stable code of a sample sheet, so that two copies can live in one package. */
function recode(sheet: Json, prefix: string): void {
  const visit = (node: Json) => {
    if (typeof node['x-code'] === 'string') node['x-code'] = `${prefix}_${node['x-code']}`;
    for (const child of Object.values(node.properties ?? {})) visit(child as Record<string, unknown>);
    if (node.items) visit(node.items);
  };
  visit(sheet);
}

function semPackage(shared: Record<string, unknown> = { form: 'dis', version: '2025.1' }): PackageFiles {
  return samplePackage(({ manifest }) => manifest.sheets.push({ id: 'DIS02', shared }));
}

describe('shared sheets', () => {
  const resolveShared = (form: string, version: string) => (form === 'dis' && version === '2025.1' ? disPackage() : undefined);

  it('takes the sheet, its fields and its codes by reference', () => {
    const pkg = loadPackage(semPackage(), { resolveShared }).value!;
    const sheet = pkg.sheets.find((s) => s.id === 'DIS02')!;
    expect(sheet).toMatchObject({ title: 'Patrimoine', file: 'sheets/DIS02.schema.json', sharedFrom: { form: 'dis', version: '2025.1' } });
    expect(pkg.fields.filter((f) => f.sheet === 'DIS02').map((f) => f.code)).toEqual(['DIS02_LOG', 'DIS02_TOT']);
    expect(pkg.sheets.map((s) => s.id)).toEqual(['S01', 'DIS02']);
  });

  it('carries the rules that only read shared sheets, with their origin and a prefixed id', () => {
    const pkg = loadPackage(semPackage(), { resolveShared }).value!;
    const carried = pkg.rules.filter((r) => r.origin === 'dis@2025.1');
    // D02 also reads DIS03 (not taken), D03 reads no sheet, PJ is an attachment rule: they stay home.
    expect(carried.map((r) => r.id)).toEqual(['dis:T_TOT', 'dis:D01']);
    expect(carried[0]).toMatchObject({ file: 'rules.json', pointer: '/rules/0', target: 'DIS02.total' });
    expect(pkg.rules.filter((r) => r.origin === 'test-form@2025.1').map((r) => r.id)).toEqual(['T_NET', 'C01', 'PJ01']);
  });

  it('SHARED_UNRESOLVED when no package answers', () => {
    expect(loadPackage(semPackage({ form: 'dis', version: '2024.1' }), { resolveShared }).diagnostics).toEqual([
      expect.objectContaining({ code: 'SHARED_UNRESOLVED', file: 'manifest.json', pointer: '/sheets/1/shared' }),
    ]);
    expect(loadPackage(semPackage()).diagnostics.map((d) => d.code)).toEqual(['SHARED_UNRESOLVED']);
  });

  it('SHARED_SHEET_NOT_FOUND when the package lacks the sheet', () => {
    const files = samplePackage(({ manifest }) => manifest.sheets.push({ id: 'DIS09', shared: { form: 'dis', version: '2025.1' } }));
    expect(loadPackage(files, { resolveShared }).diagnostics).toEqual([
      expect.objectContaining({ code: 'SHARED_SHEET_NOT_FOUND', pointer: '/sheets/1/shared' }),
    ]);
  });

  it('SHARED_PACKAGE_INVALID summarises the other package\u2019s problems', () => {
    const broken = disPackage((m) => (m.owner = 'ACME'));
    const diagnostics = loadPackage(semPackage(), { resolveShared: () => broken }).diagnostics;
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'SHARED_PACKAGE_INVALID', pointer: '/sheets/1/shared' })]);
    expect(diagnostics[0].message).toContain('manifest.json#/owner');
  });

  it('SHARED_MISMATCH when the resolver returns another version', () => {
    const other = disPackage((m) => (m.version = '2025.2'));
    expect(loadPackage(semPackage(), { resolveShared: () => other }).diagnostics.map((d) => d.code)).toEqual(['SHARED_MISMATCH']);
  });

  it('SHARED_CYCLE when packages take sheets from each other', () => {
    const a = samplePackage(({ manifest }) => {
      manifest.id = 'aa';
      manifest.sheets.push({ id: 'B01', shared: { form: 'bb', version: '2025.1' } });
    });
    const b = samplePackage(({ manifest, sheet }) => {
      manifest.id = 'bb';
      manifest.sheets = [
        { id: 'B01', schema: 'sheets/S01.schema.json' },
        { id: 'S01', shared: { form: 'aa', version: '2025.1' } },
      ];
      recode(sheet, 'B');
    });
    const files: Record<string, PackageFiles> = { aa: a, bb: b };
    const result = loadPackage(a, { resolveShared: (form) => files[form] });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SHARED_PACKAGE_INVALID']);
    expect(result.diagnostics[0].message).toContain('aa@2025.1 → bb@2025.1 → aa@2025.1');
  });

  it('SHARED_CYCLE when a package takes a sheet from itself', () => {
    const files = samplePackage(({ manifest }) => manifest.sheets.push({ id: 'S02', shared: { form: 'test-form', version: '2025.1' } }));
    expect(loadPackage(files, { resolveShared: () => files }).diagnostics).toEqual([
      expect.objectContaining({
        code: 'SHARED_CYCLE',
        pointer: '/sheets/1/shared',
        message: expect.stringContaining('test-form@2025.1 → test-form@2025.1'),
      }),
    ]);
  });

  it('SHARED_TOO_DEEP stops long chains of shared sheets', () => {
    const chain = (n: number): PackageFiles =>
      samplePackage(({ manifest, sheet }) => {
        manifest.id = `p${n}`;
        recode(sheet, `P${n}`);
        manifest.sheets = [{ id: `S${n}`, schema: 'sheets/S01.schema.json' }];
        if (n < 8) manifest.sheets.push({ id: `S${n + 1}`, shared: { form: `p${n + 1}`, version: '2025.1' } });
        manifest.rules = [];
      });
    const result = loadPackage(chain(0), { resolveShared: (form) => chain(Number(form.slice(1))) });
    expect(JSON.stringify(result.diagnostics)).toContain('SHARED_TOO_DEEP');
  });

  it('SHEET_CODE_DUPLICATE is reported in our own sheet when it reuses a shared code', () => {
    const files = samplePackage(({ manifest, sheet }) => {
      manifest.sheets.push({ id: 'DIS02', shared: { form: 'dis', version: '2025.1' } });
      sheet.properties.montant['x-code'] = 'DIS02_LOG';
    });
    const diagnostics = loadPackage(files, { resolveShared }).diagnostics;
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'SHEET_CODE_DUPLICATE', file: 'sheets/S01.schema.json', pointer: '/properties/montant/x-code' }),
    ]);
    expect(diagnostics[0].message).toContain('repris de dis@2025.1');
  });
});
