import * as fs from 'fs';
import * as path from 'path';
import * as engine from './index';

/**
 * The browser imports engine/index.ts under a CSP without 'unsafe-eval', and without Node's
 * built-ins: nothing it reaches may import ajv, json-schema-to-typescript or Node modules, or
 * generate code at run time.
 */
function moduleGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|require\('([^']+)'\)/gm,
    )) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('engine/index.ts (the browser entry)', () => {
  const graph = moduleGraph(path.join(__dirname, 'index.ts'));

  it('follows the whole import graph', () => {
    expect(graph.files).toEqual(
      expect.arrayContaining([
        path.join(__dirname, 'package', 'load.ts'),
        path.join(__dirname, 'diff', 'migrateAnswers.ts'),
        path.join(__dirname, 'rules', 'index.ts'),
      ]),
    );
    expect(graph.packages).toContain('handlebars');
  });

  it('reaches no Node-only or code-generating package', () => {
    const forbidden = [...graph.packages].filter((p) =>
      /^(ajv|ajv-formats|json-schema-to-typescript|prettier|fs|path|os|child_process|node:)/.test(p),
    );
    expect(forbidden).toEqual([]);
    expect(graph.files.some((f) => f.endsWith(path.join('package', 'schemaDialect.ts')))).toBe(false);
    expect(graph.files.some((f) => f.includes(`${path.sep}cli${path.sep}`) || f.includes(`${path.sep}types${path.sep}`))).toBe(false);
  });

  it('never builds code from strings', () => {
    const offenders = graph.files.filter(
      (f) => !f.endsWith('.test.ts') && /\bnew Function\s*\(|\beval\s*\(/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('exposes the public API', () => {
    for (const name of [
      'loadPackage',
      'loadForm',
      'validateAnswers',
      'bundleFromFiles',
      'parseBundle',
      'diffPackages',
      'migrateAnswers',
      'applyPrefill',
      'compileRules',
      'evaluate',
      'createSession',
    ]) {
      expect(typeof (engine as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
