/**
 * diffPackages: what changed between two versions of a form, field by stable code (x-code), rule
 * by id. Attributes compared are listed in tables rather than spelt out one `if` at a time.
 */
import type { FieldDef, FormPackage, RuleDef, TableDef } from '../package/model';
import type { Severity } from '../api';
import type { PackageChange } from './changes';
import { SEVERITY_LABELS, TYPE_LABELS, severityLabel, unitLabel } from './labels';

const RANK: Record<Severity, number> = { info: 0, warning: 1, blocking: 2 };
const where = (f: { sheet: string; path: string }) => `${f.sheet}.${f.path}`;
const byCode = <T extends { code: string }>(items: T[]) => new Map(items.map((i) => [i.code, i] as const));

/** Whether every value valid for `from` stays valid for `to`. */
function typeWidens(from: FieldDef['type'], to: FieldDef['type']): boolean {
  return from === to || (from === 'integer' && to === 'number') || (from === 'date' && to === 'string');
}

/** Stable code of the table a field is a column of, or undefined outside tables. */
function tableCodeOf(pkg: FormPackage, field: FieldDef): string | undefined {
  return field.table === undefined ? undefined : pkg.tables.find((t) => t.sheet === field.sheet && t.path === field.table)?.code;
}

function sheetChanges(from: FormPackage, to: FormPackage): PackageChange[] {
  const out: PackageChange[] = [];
  const before = new Map(from.sheets.map((s) => [s.id, s] as const));
  const after = new Map(to.sheets.map((s) => [s.id, s] as const));
  for (const s of to.sheets) {
    const old = before.get(s.id);
    if (!old) out.push({ kind: 'sheet_added', breaking: false, sheet: s.id, description: `Nouveau feuillet ${s.id} « ${s.title} ».` });
    else if (old.title !== s.title) {
      out.push({
        kind: 'sheet_retitled',
        breaking: false,
        sheet: s.id,
        from: old.title,
        to: s.title,
        description: `Feuillet ${s.id} renommé : « ${old.title} » devient « ${s.title} ».`,
      });
    }
  }
  for (const s of from.sheets) {
    if (!after.has(s.id)) {
      out.push({
        kind: 'sheet_removed',
        breaking: true,
        sheet: s.id,
        description: `Feuillet ${s.id} « ${s.title} » supprimé : ses réponses ne seront pas reprises.`,
      });
    }
  }
  return out;
}

function fieldChanges(from: FormPackage, to: FormPackage): PackageChange[] {
  const out: PackageChange[] = [];
  const before = byCode(from.fields);
  const after = byCode(to.fields);
  for (const f of to.fields) {
    const old = before.get(f.code);
    const base = { sheet: f.sheet, path: f.path, code: f.code };
    if (!old) {
      out.push({ ...base, kind: 'field_added', breaking: false, description: `Nouveau champ « ${f.title} » (${where(f)}).` });
      continue;
    }
    if (old.sheet !== f.sheet || old.path !== f.path) {
      // Values follow a rename, except a column that changes table (rows cannot be matched).
      const changesTable = tableCodeOf(from, old) !== tableCodeOf(to, f);
      out.push({
        ...base,
        kind: 'field_renamed',
        breaking: changesTable,
        from: where(old),
        to: where(f),
        description: changesTable
          ? `Champ « ${f.title} » déplacé : ${where(old)} devient ${where(f)}, dans un autre tableau (les réponses ne suivent pas).`
          : `Champ « ${f.title} » déplacé ou renommé : ${where(old)} devient ${where(f)} (les réponses suivent).`,
      });
    }
    if (old.title !== f.title) {
      out.push({
        ...base,
        kind: 'field_relabelled',
        breaking: false,
        from: old.title,
        to: f.title,
        description: `Libellé du champ ${where(f)} modifié : « ${old.title} » devient « ${f.title} ».`,
      });
    }
    if (old.type !== f.type) {
      out.push({
        ...base,
        kind: 'field_type_changed',
        breaking: !typeWidens(old.type, f.type),
        attribute: 'type',
        from: old.type,
        to: f.type,
        description: `Type du champ « ${f.title} » (${where(f)}) modifié : ${TYPE_LABELS[old.type]} devient ${TYPE_LABELS[f.type]}.`,
      });
    }
    if (old.unit !== f.unit) {
      out.push({
        ...base,
        kind: 'field_unit_changed',
        breaking: true,
        attribute: 'unit',
        from: old.unit,
        to: f.unit,
        description: `Unité du champ « ${f.title} » (${where(f)}) modifiée : ${unitLabel(old.unit)} devient ${unitLabel(f.unit)}.`,
      });
    }
    const removedChoices = (old.enum ?? []).filter((v) => f.enum !== undefined && !f.enum.includes(v));
    const addedChoices = (f.enum ?? []).filter((v) => old.enum !== undefined && !old.enum.includes(v));
    const choicesNow = old.enum === undefined && f.enum !== undefined;
    if (removedChoices.length || addedChoices.length || choicesNow) {
      const parts = [
        choicesNow ? `valeurs désormais limitées à ${f.enum!.map((v) => `« ${v} »`).join(', ')}` : '',
        removedChoices.length ? `retirés : ${removedChoices.map((v) => `« ${v} »`).join(', ')}` : '',
        addedChoices.length ? `ajoutés : ${addedChoices.map((v) => `« ${v} »`).join(', ')}` : '',
      ].filter(Boolean);
      out.push({
        ...base,
        kind: 'field_choices_changed',
        breaking: removedChoices.length > 0 || choicesNow,
        attribute: 'enum',
        from: old.enum,
        to: f.enum,
        description: `Choix du champ « ${f.title} » (${where(f)}) modifiés : ${parts.join(' ; ')}.`,
      });
    }
    if (old.readOnly !== f.readOnly) {
      out.push({
        ...base,
        kind: 'field_computed_changed',
        breaking: f.readOnly,
        attribute: 'readOnly',
        from: old.readOnly,
        to: f.readOnly,
        description: f.readOnly
          ? `Le champ « ${f.title} » (${where(f)}) devient calculé : la valeur saisie sera remplacée par le calcul.`
          : `Le champ « ${f.title} » (${where(f)}) n'est plus calculé : il se saisit désormais.`,
      });
    }
  }
  for (const f of from.fields) {
    if (!after.has(f.code)) {
      out.push({
        sheet: f.sheet,
        path: f.path,
        code: f.code,
        kind: 'field_removed',
        breaking: true,
        description: `Champ « ${f.title} » (${where(f)}) supprimé : sa valeur ne sera pas reprise.`,
      });
    }
  }
  return out;
}

function tableChanges(from: FormPackage, to: FormPackage): PackageChange[] {
  const out: PackageChange[] = [];
  const before = byCode(from.tables);
  const after = byCode(to.tables);
  const describe = (t: TableDef) => `tableau « ${t.title} » (${where(t)})`;
  for (const t of to.tables) {
    const old = before.get(t.code);
    const base = { sheet: t.sheet, path: t.path, code: t.code };
    if (!old) out.push({ ...base, kind: 'table_added', breaking: false, description: `Nouveau ${describe(t)}.` });
    else {
      if (old.sheet !== t.sheet || old.path !== t.path) {
        out.push({
          ...base,
          kind: 'table_renamed',
          breaking: false,
          from: where(old),
          to: where(t),
          description: `Tableau « ${t.title} » déplacé ou renommé : ${where(old)} devient ${where(t)} (les lignes suivent).`,
        });
      }
      if (old.title !== t.title) {
        out.push({
          ...base,
          kind: 'table_relabelled',
          breaking: false,
          from: old.title,
          to: t.title,
          description: `Titre du tableau ${where(t)} modifié : « ${old.title} » devient « ${t.title} ».`,
        });
      }
    }
  }
  for (const t of from.tables) {
    if (!after.has(t.code))
      out.push({
        sheet: t.sheet,
        path: t.path,
        code: t.code,
        kind: 'table_removed',
        breaking: true,
        description: `${describe(t)[0].toUpperCase()}${describe(t).slice(1)} supprimé : ses lignes ne seront pas reprises.`,
      });
  }
  return out;
}

const EXPRESSION_ATTRIBUTES = ['when', 'forEach', 'target', 'expr', 'assert', 'fields', 'category', 'values'] as const;
const ATTRIBUTE_LABELS: Record<(typeof EXPRESSION_ATTRIBUTES)[number], string> = {
  when: 'condition d’application (when)',
  forEach: 'tableau parcouru (forEach)',
  target: 'champ calculé (target)',
  expr: 'formule de calcul (expr)',
  assert: 'contrôle (assert)',
  fields: 'champs obligatoires (fields)',
  category: 'catégorie de pièce jointe',
  values: 'valeurs du message (values)',
};

const isActive = (r: RuleDef) => r.active !== false;
/**
 * A rule that can stop a statement from being transmitted when it fails: blocking rules, and
 * warnings too, since a failing warning blocks until it is justified.
 */
const canBlock = (r: RuleDef) => isActive(r) && r.kind !== 'computed' && (r.severity === 'blocking' || r.severity === 'warning');
const ruleName = (r: RuleDef) => (r.title ? `${r.id} « ${r.title} »` : r.id);

function ruleChanges(from: FormPackage, to: FormPackage): PackageChange[] {
  const out: PackageChange[] = [];
  const before = new Map(from.rules.map((r) => [r.id, r] as const));
  const after = new Map(to.rules.map((r) => [r.id, r] as const));
  for (const r of to.rules) {
    const old = before.get(r.id);
    const base = { ruleId: r.id };
    if (!old) {
      const nature = r.kind === 'computed' ? 'Nouveau calcul' : `Nouvelle règle ${severityLabel(r.severity)}`;
      out.push({
        ...base,
        kind: 'rule_added',
        breaking: canBlock(r),
        description: `${nature} ${ruleName(r)}${isActive(r) ? '' : ' (désactivée)'}.`,
      });
      continue;
    }
    for (const attribute of EXPRESSION_ATTRIBUTES) {
      const a = JSON.stringify(old[attribute] ?? null);
      const b = JSON.stringify(r[attribute] ?? null);
      if (a === b) continue;
      out.push({
        ...base,
        kind: 'rule_expression_changed',
        breaking: canBlock(r),
        attribute,
        from: old[attribute],
        to: r[attribute],
        description: `Règle ${ruleName(r)} : ${ATTRIBUTE_LABELS[attribute]} modifié(e).`,
      });
    }
    if (old.severity !== r.severity) {
      const stricter = r.severity !== undefined && (old.severity === undefined || RANK[r.severity] > RANK[old.severity]);
      out.push({
        ...base,
        kind: 'rule_severity_changed',
        breaking: stricter && canBlock(r),
        attribute: 'severity',
        from: old.severity,
        to: r.severity,
        description: `Règle ${ruleName(r)} : gravité « ${severityLabel(old.severity)} » devient « ${r.severity ? SEVERITY_LABELS[r.severity] : 'sans gravité'} ».`,
      });
    }
    if (isActive(old) !== isActive(r)) {
      out.push({
        ...base,
        kind: 'rule_activation_changed',
        breaking: canBlock(r),
        attribute: 'active',
        from: isActive(old),
        to: isActive(r),
        description: `Règle ${ruleName(r)} ${isActive(r) ? 'réactivée' : 'désactivée'}.`,
      });
    }
    if ((old.message ?? '') !== (r.message ?? '') || (old.title ?? '') !== (r.title ?? '')) {
      out.push({
        ...base,
        kind: 'rule_message_changed',
        breaking: false,
        attribute: 'message',
        from: old.message,
        to: r.message,
        description: `Règle ${ruleName(r)} : texte du message ou titre modifié.`,
      });
    }
  }
  for (const r of from.rules) {
    if (!after.has(r.id)) out.push({ ruleId: r.id, kind: 'rule_removed', breaking: false, description: `Règle ${ruleName(r)} supprimée.` });
  }
  return out;
}

function attachmentChanges(from: FormPackage, to: FormPackage): PackageChange[] {
  const out: PackageChange[] = [];
  const before = byCode(from.manifest.attachments);
  const after = byCode(to.manifest.attachments);
  for (const a of to.manifest.attachments) {
    const old = before.get(a.code);
    if (!old)
      out.push({
        kind: 'attachment_added',
        breaking: false,
        attachment: a.code,
        description: `Nouvelle catégorie de pièce jointe « ${a.label} » (${a.accept.join(', ')}).`,
      });
    else if (old.label !== a.label || old.accept.join() !== a.accept.join()) {
      const narrower = old.accept.some((x) => !a.accept.includes(x));
      out.push({
        kind: 'attachment_changed',
        breaking: narrower,
        attachment: a.code,
        from: old,
        to: a,
        description: `Pièce jointe « ${a.label} » modifiée (libellé ou formats acceptés : ${a.accept.join(', ')}).`,
      });
    }
  }
  for (const a of from.manifest.attachments) {
    if (!after.has(a.code))
      out.push({
        kind: 'attachment_removed',
        breaking: true,
        attachment: a.code,
        description: `Catégorie de pièce jointe « ${a.label} » supprimée : les fichiers déjà joints ne seront pas repris.`,
      });
  }
  return out;
}

/** Every change from `from` to `to`: sheets, then tables and fields, then rules, then attachments. */
export function diffPackages(from: FormPackage, to: FormPackage): PackageChange[] {
  return [
    ...sheetChanges(from, to),
    ...tableChanges(from, to),
    ...fieldChanges(from, to),
    ...ruleChanges(from, to),
    ...attachmentChanges(from, to),
  ];
}
