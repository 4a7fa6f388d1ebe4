/** The editors' commands. Each returns the process exit code: 0 success, 1 problems found, 2 misuse. */
import * as fs from 'fs';
import * as path from 'path';
import type { Answers, EvaluationContext, Justifications } from '../api';
import { bundleFromFiles } from '../package/bundle';
import { validateAnswers } from '../package/validateAnswers';
import { parseJson } from '../package/json/parse';
import { diffPackages } from '../diff';
import { generateTypes } from '../types';
import { evaluate } from '../rules';
import { formatDiagnostic } from './format';
import { loadDir, requireForm, UsageError, type CliIO } from './context';
import { printReport } from './report';
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

interface Fixture {
  context: EvaluationContext;
  answers: Answers;
  justifications?: Justifications;
}

function readFixture(file: string, defaults: EvaluationContext): Fixture {
  if (!fs.existsSync(file)) throw new UsageError(`Fichier de réponses introuvable : ${file}.`);
  const parsed = parseJson(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${file}:${parsed.error.line}:${parsed.error.column}: JSON invalide : ${parsed.error.message}`);
  const value = parsed.json.value as Record<string, unknown>;
  const isFixture =
    typeof value === 'object' &&
    value !== null &&
    'answers' in value &&
    ('context' in value || 'justifications' in value || 'attachments' in value);
  if (!isFixture) return { context: defaults, answers: value as Answers };
  const context = { ...defaults, ...((value.context as EvaluationContext | undefined) ?? {}) };
  if (value.attachments) context.attachments = { ...(context.attachments ?? {}), ...(value.attachments as Record<string, number>) };
  const fixture: Fixture = { context, answers: value.answers as Answers };
  if (value.justifications) fixture.justifications = value.justifications as Justifications;
  return fixture;
}

export function checkCommand(dir: string | undefined, answersFile: string | undefined, io: CliIO): number {
  if (!dir || !answersFile)
    throw new UsageError('check attend un dossier de paquet et un fichier de réponses : check <dossier> <réponses.json>.');
  const form = requireForm(loadDir(dir), io);
  if (!form) return 1;
  const { manifest } = form.package;
  const defaults: EvaluationContext = {
    organisation: {
      siren: '000000000',
      name: '(organisme de test)',
      kind: manifest.audience[0] ?? 'OPH',
      departement: '75',
      departements: ['75'],
    },
    campaign: { exercice: manifest.exercice },
  };
  const fixture = readFixture(answersFile, defaults);
  const structural = validateAnswers(form.package, fixture.answers);
  const report = evaluate(form.rules, fixture.answers, fixture.context, fixture.justifications);
  printReport(io, form.package, structural, report);
  const blockingFailures = report.controls.filter((c) => c.severity === 'blocking' && (c.status === 'fail' || c.status === 'error')).length;
  return structural.length > 0 || blockingFailures > 0 ? 1 : 0;
}

export function bundleCommand(dir: string | undefined, io: CliIO): number {
  if (!dir) throw new UsageError('bundle attend un dossier de paquet.');
  const loaded = loadDir(dir);
  if (!requireForm(loaded, io)) return 1;
  io.out(JSON.stringify(bundleFromFiles(loaded.files), null, 2));
  return 0;
}
