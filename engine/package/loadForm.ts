/**
 * loadForm: a package ready to run = loadPackage + compileRules + the checks that need both
 * (every read-only field is the target of a computed rule; the rule compiler checks the converse).
 * Kept out of engine/package/index.ts so that the package loader does not depend on engine/rules.
 */
import type { Diagnostic, LoadResult, PackageBundle, PackageFiles } from '../api';
import type { FormPackage, RuleDef } from './model';
import { loadPackage, type LoadOptions } from './load';
import { DiagnosticBag } from './diagnostics';
import { joinPointer } from './json/pointer';
import { compileRules, type CompiledRules } from '../rules';

export interface CompiledForm {
  package: FormPackage;
  rules: CompiledRules;
}

export interface LoadFormOptions extends LoadOptions {
  /**
   * Extra checks of the loaded package, e.g. `validateSheetSchemas` from
   * engine/package/schemaDialect (ajv, server and CLI only).
   */
  validateSchemas?: (pkg: FormPackage) => Diagnostic[];
}

/** `SHEET.path` a computed rule writes, resolving `ligne.col` against its forEach table. */
export function computedTarget(rule: RuleDef): string | undefined {
  if (rule.kind !== 'computed' || typeof rule.target !== 'string') return undefined;
  const target = rule.target.trim();
  const row = /^ligne\.([a-z][a-z0-9_]*)$/.exec(target);
  if (row && typeof rule.forEach === 'string') return `${rule.forEach.trim()}.${row[1]}`;
  return target;
}

export function checkComputedFields(pkg: FormPackage): Diagnostic[] {
  const bag = new DiagnosticBag();
  const targets = new Set(
    pkg.rules
      .filter((r) => r.active !== false)
      .map(computedTarget)
      .filter((t): t is string => t !== undefined),
  );
  for (const field of pkg.fields) {
    const ref = `${field.sheet}.${field.path}`;
    if (!field.readOnly || targets.has(ref)) continue;
    const sheet = pkg.sheets.find((s) => s.id === field.sheet);
    if (sheet?.sharedFrom) {
      const index = pkg.manifest.sheets.findIndex((s) => s.id === field.sheet);
      const hint = ` (feuillet repris de ${sheet.sharedFrom.form}@${sheet.sharedFrom.version} : sa règle de calcul lit des feuillets que ce formulaire ne reprend pas)`;
      bag.add('FORM_READONLY_NOT_COMPUTED', 'manifest.json', joinPointer('/sheets', index, 'shared'), { ref, hint });
    } else {
      bag.add('FORM_READONLY_NOT_COMPUTED', sheet?.file ?? field.sheet, joinPointer(field.pointer, 'readOnly'), { ref, hint: '' });
    }
  }
  return bag.items;
}

export function loadForm(input: PackageFiles | PackageBundle, opts: LoadFormOptions = {}): LoadResult<CompiledForm> {
  const loaded = loadPackage(input, opts);
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const pkg = loaded.value!;
  const diagnostics = [...(opts.validateSchemas?.(pkg) ?? [])];
  const compiled = compileRules(pkg);
  diagnostics.push(...compiled.diagnostics, ...checkComputedFields(pkg));
  if (diagnostics.length > 0 || !compiled.ok) return { ok: false, diagnostics };
  return { ok: true, value: { package: pkg, rules: compiled.value! }, diagnostics: [] };
}
