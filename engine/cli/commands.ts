/** The editors' commands. Each returns the process exit code: 0 success, 1 problems found, 2 misuse. */
import * as fs from 'fs';
import * as path from 'path';
import { bundleFromFiles } from '../package/bundle';
import { validateAnswers } from '../package/validateAnswers';
import { diffPackages } from '../diff';
import { generateTypes } from '../types';
import { evaluate } from '../rules';
import { formatDiagnostic } from './format';
import { loadDir, requireForm, UsageError, type CliIO } from './context';
import { printReport } from './report';
import { defaultContext, failingRules, readFixture } from './fixtures';
import { findPackageDirs } from './disk';

export function validateCommand(dirs: string[], io: CliIO): number {
  if (dirs.length === 0) throw new UsageError('validate attend au moins un dossier de paquet.');
  let failures = 0;
  const packages = dirs.flatMap((dir) => {
    const found = findPackageDirs(dir);
    if (found.length === 0) throw new UsageError(`Aucun paquet (manifest.json) dans « ${dir} ».`);
    return found;
  });
  for (const dir of packages) {
    const loaded = loadDir(dir);
    if (!loaded.result.ok) {
      for (const d of loaded.result.diagnostics) io.out(formatDiagnostic(d, dir, loaded.files));
      io.out(`✗ ${path.normalize(dir)} : ${loaded.result.diagnostics.length} erreur(s).`);
      failures++;
      continue;
    }
    const pkg = loaded.result.value!.package;
    io.out(
      `✓ ${path.normalize(dir)} : ${pkg.manifest.id}@${pkg.manifest.version} valide (${pkg.sheets.length} feuillet(s), ${pkg.fields.length} champ(s), ${pkg.rules.length} règle(s)).`,
    );
  }
  return failures > 0 ? 1 : 0;
}

export async function typesCommand(dir: string | undefined, out: string | undefined, io: CliIO): Promise<number> {
  if (!dir) throw new UsageError('types attend un dossier de paquet.');
  const form = requireForm(loadDir(dir), io);
  if (!form) return 1;
  const text = await generateTypes(form.package);
  if (out) {
    io.writeFile(out, text);
    io.err(`Types écrits dans ${out}.`);
  } else io.out(text.trimEnd());
  return 0;
}

export function diffCommand(from: string | undefined, to: string | undefined, io: CliIO): number {
  if (!from || !to) throw new UsageError('diff attend deux dossiers de paquet : diff <ancien> <nouveau>.');
  const a = requireForm(loadDir(from), io);
  const b = requireForm(loadDir(to), io);
  if (!a || !b) return 1;
  const changes = diffPackages(a.package, b.package);
  const ref = (m: { id: string; version: string }) => `${m.id}@${m.version}`;
  io.out(
    `Changements de ${ref(a.package.manifest)} à ${ref(b.package.manifest)} : ${changes.length} (dont ${changes.filter((c) => c.breaking).length} incompatible(s)).`,
  );
  for (const c of changes) io.out(`${c.breaking ? '  [incompatible] ' : '  '}${c.description}`);
  return 0;
}

export function checkCommand(dir: string | undefined, answersFile: string | undefined, io: CliIO): number {
  if (!dir || !answersFile)
    throw new UsageError('check attend un dossier de paquet et un fichier de réponses : check <dossier> <réponses.json>.');
  const form = requireForm(loadDir(dir), io);
  if (!form) return 1;
  const fixture = readFixture(answersFile, defaultContext(form.package.manifest));
  const structural = validateAnswers(form.package, fixture.answers);
  const report = evaluate(form.rules, fixture.answers, fixture.context, fixture.justifications);
  printReport(io, form.package, structural, report);
  if (fixture.expect)
    io.out(`Attendu en échec : ${fixture.expect.join(', ') || 'aucun contrôle'} ; obtenu : ${failingRules(report).join(', ') || 'aucun'}`);
  const blockingFailures = report.controls.filter((c) => c.severity === 'blocking' && (c.status === 'fail' || c.status === 'error')).length;
  return structural.length > 0 || blockingFailures > 0 ? 1 : 0;
}

/** Runs every `fixtures/*.json` of the packages and compares the failing rules with each fixture's `expect`. */
export function fixturesCommand(dirs: string[], io: CliIO): number {
  if (dirs.length === 0) throw new UsageError('fixtures attend au moins un dossier de paquet.');
  let mismatches = 0;
  for (const dir of dirs.flatMap((d) => findPackageDirs(d))) {
    const form = requireForm(loadDir(dir), io);
    if (!form) {
      mismatches++;
      continue;
    }
    const folder = path.join(dir, 'fixtures');
    const files = fs.existsSync(folder)
      ? fs
          .readdirSync(folder)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];
    let passed = 0;
    for (const name of files) {
      const fixture = readFixture(path.join(folder, name), defaultContext(form.package.manifest));
      const label = path.join(dir, 'fixtures', name);
      if (!fixture.expect) {
        io.out(`  - ${label} : pas de liste « expect », ignoré`);
        continue;
      }
      const structural = validateAnswers(form.package, fixture.answers);
      const actual = failingRules(evaluate(form.rules, fixture.answers, fixture.context, fixture.justifications));
      const expected = [...new Set(fixture.expect)].sort();
      if (structural.length > 0) {
        io.out(`  ✗ ${label} : réponses mal formées — ${structural[0].sheet}.${structural[0].path} : ${structural[0].message}`);
        mismatches++;
      } else if (actual.join() !== expected.join()) {
        io.out(`  ✗ ${label} : attendu en échec ${expected.join(', ') || 'aucun contrôle'}, obtenu ${actual.join(', ') || 'aucun'}`);
        mismatches++;
      } else passed++;
    }
    io.out(`${passed === files.length ? '✓' : '✗'} ${path.normalize(dir)} : ${passed}/${files.length} jeu(x) d'essai conforme(s).`);
  }
  return mismatches > 0 ? 1 : 0;
}

export function bundleCommand(dir: string | undefined, io: CliIO): number {
  if (!dir) throw new UsageError('bundle attend un dossier de paquet.');
  const loaded = loadDir(dir);
  if (!requireForm(loaded, io)) return 1;
  io.out(JSON.stringify(bundleFromFiles(loaded.files), null, 2));
  return 0;
}
