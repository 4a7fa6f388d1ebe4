/** Reads rules files (`{ "rules": [...] }`) into RuleDefs; expressions are left to engine/rules. */
import type { RuleDef } from './model';
import type { DiagnosticBag } from './diagnostics';
import { checkShape } from './schemaCheck';
import { rulesFileSchema } from './rulesFileSchema';
import { joinPointer } from './json/pointer';

const RULE_KEYS = [
  'id',
  'kind',
  'severity',
  'active',
  'title',
  'when',
  'forEach',
  'target',
  'expr',
  'assert',
  'fields',
  'category',
  'values',
  'message',
] as const;

export function readRulesFile(value: unknown, file: string, origin: string, bag: DiagnosticBag): RuleDef[] {
  const errors = checkShape(value, rulesFileSchema);
  for (const e of errors) bag.add('RULES_FILE_INVALID', file, e.pointer, { detail: e.message });
  const rules = (value as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return [];
  const out: RuleDef[] = [];
  rules.forEach((raw, index) => {
    const pointer = joinPointer('/rules', index);
    // A rule with a shape error is reported above and left out, so engine/rules never sees it.
    if (errors.some((e) => e.pointer === pointer || e.pointer.startsWith(pointer + '/'))) return;
    const rule = { file, pointer, origin } as RuleDef;
    for (const key of RULE_KEYS) {
      const v = (raw as Record<string, unknown>)[key];
      if (v !== undefined) (rule as unknown as Record<string, unknown>)[key] = v;
    }
    out.push(rule);
  });
  return out;
}

/** Sheet ids a rule refers to (`ER01.x`, `ER01.*.brut`), ignoring string literals and other forms' `form::SHEET` references. */
export function sheetsReferencedBy(rule: RuleDef): Set<string> {
  const texts = [rule.when, rule.forEach, rule.target, rule.expr, rule.assert, ...(rule.fields ?? []), ...Object.values(rule.values ?? {})];
  const out = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const code = text.replace(/'[^']*'|"[^"]*"/g, "''");
    for (const m of code.matchAll(/(?<![A-Za-z0-9_:.])([A-Z][A-Z0-9_]{1,15})\.(?=[a-z*])/g)) out.add(m[1]);
  }
  return out;
}
