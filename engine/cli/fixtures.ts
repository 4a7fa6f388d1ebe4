/** Test statements (`fixtures/*.json`): reading them, and comparing their controls with what they expect. */
import * as fs from 'fs';
import type { Answers, EvaluationContext, Justifications, Report } from '../api';
import type { Manifest } from '../package/model';
import { parseJson } from '../package/json/parse';
import { UsageError } from './context';

export interface Fixture {
  context: EvaluationContext;
  answers: Answers;
  justifications?: Justifications;
  /** Ids of the rules expected to fail (fail or error), when the fixture says. */
  expect?: string[];
}

/** A neutral context for plain answers: the audience's first kind, the manifest's exercice. */
export function defaultContext(manifest: Manifest): EvaluationContext {
  return {
    organisation: {
      siren: '000000000',
      name: '(organisme de test)',
      kind: manifest.audience[0] ?? 'OPH',
      departement: '75',
      departements: ['75'],
    },
    campaign: { exercice: manifest.exercice },
  };
}

/** Reads plain answers, or a fixture `{ context, answers, attachments?, justifications?, expect? }`. */
export function readFixture(file: string, defaults: EvaluationContext): Fixture {
  if (!fs.existsSync(file)) throw new UsageError(`Fichier de réponses introuvable : ${file}.`);
  const parsed = parseJson(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${file}:${parsed.error.line}:${parsed.error.column}: JSON invalide : ${parsed.error.message}`);
  const value = parsed.json.value as Record<string, unknown>;
  const envelope = ['context', 'justifications', 'attachments', 'expect'];
  const isFixture = typeof value === 'object' && value !== null && 'answers' in value && envelope.some((k) => k in value);
  if (!isFixture) return { context: defaults, answers: value as Answers };
  const context = { ...defaults, ...((value.context as EvaluationContext | undefined) ?? {}) };
  if (value.attachments) context.attachments = { ...(context.attachments ?? {}), ...(value.attachments as Record<string, number>) };
  const fixture: Fixture = { context, answers: value.answers as Answers };
  if (value.justifications) fixture.justifications = value.justifications as Justifications;
  if (Array.isArray(value.expect)) fixture.expect = value.expect.map(String);
  return fixture;
}

/** Ids of the rules that failed (or could not be computed), each once, sorted. */
export function failingRules(report: Report): string[] {
  return [...new Set(report.controls.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.ruleId))].sort();
}
