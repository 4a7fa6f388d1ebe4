import ts from 'typescript';

// prettier's CommonJS entry starts a dynamic import() on load, which jest's runtime refuses (and
// which crashes the worker); generateTypes runs with format: false, so prettier is never called.
jest.mock('prettier', () => ({ format: async (code: string) => code }));

import { generateTypes, typingSchema } from './generateTypes';
import { loadPackage } from '../package/load';
import { samplePackage, json } from '../package/testing';

const libCache = new Map<string, ts.SourceFile | undefined>();

/** Type-checks `declarations` plus `usage` in memory; returns the compiler's messages. */
function typeCheck(declarations: string, usage: string): string[] {
  const files: Record<string, string> = {
    '/answers.d.ts': declarations,
    '/usage.ts': `import type { Answers, S01 } from './answers';\n${usage}`,
  };
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    types: [],
    lib: ['lib.es5.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    if (name in files) return ts.createSourceFile(name, files[name], version);
    if (!libCache.has(name)) libCache.set(name, original(name, version));
    return libCache.get(name);
  };
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('generateTypes', () => {
  const pkg = loadPackage(samplePackage()).value!;
  let dts: string;
  beforeAll(async () => {
    dts = await generateTypes(pkg);
  });

  it('declares one interface per sheet and an Answers interface keyed by sheet id', () => {
    expect(dts).toContain('export interface S01 {');
    expect(dts).toMatch(/export interface Answers \{\s+S01\?: S01;\s+\}/);
    expect(dts).toContain('@code S01_MONTANT');
    expect(dts).toContain('@unit €');
  });

  it('compiles, and accepts answers shaped like the sheet', () => {
    const usage = `
      const a: Answers = { S01: { siren: '123456789', montant: 12.5, famille: 'OPH', cloture: null, terrains: { brut: 1 }, emprunts: [{ numero: 'A', taux: 1 }] } };
      const s: S01 = { siren: null };
      export { a, s };`;
    expect(typeCheck(dts, usage)).toEqual([]);
  });

  it('rejects answers that do not fit the sheet', () => {
    const errors = typeCheck(
      dts,
      `
      const a: Answers = { S01: { siren: '1', montant: 'douze' } };
      const b: S01 = { siren: '1', famille: 'SEM' };
      const c: S01 = { siren: '1', inconnu: 1 };
      const d: S01 = { montant: 1 };
      export { a, b, c, d };`,
    );
    expect(errors).toHaveLength(4);
  });

  it('hands json-schema-to-typescript a schema without any $ref, whatever the sheet holds', () => {
    const sheet = { ...pkg.sheets[0], schema: { ...pkg.sheets[0].schema, $defs: { x: { $ref: 'https://evil.example/x.json' } } } };
    expect(JSON.stringify(typingSchema(sheet))).not.toContain('$ref');
  });

  it('gives groups and tables inline types, so titles never collide across sheets', async () => {
    const files = samplePackage(({ manifest }) => manifest.sheets.push({ id: 'S02', title: 'Second', schema: 'sheets/S02.schema.json' }));
    files['sheets/S02.schema.json'] = json({
      type: 'object',
      properties: { terrains: { type: 'object', title: 'Terrains', properties: { brut: { type: 'number', 'x-code': 'S02_BRUT' } } } },
    });
    const text = await generateTypes(loadPackage(files).value!);
    expect(text).not.toMatch(/interface Terrains/);
    expect(typeCheck(text, 'const x: Answers = { S02: { terrains: { brut: 1 } } };\nexport { x };')).toEqual([]);
  });
});
