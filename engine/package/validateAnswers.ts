/**
 * Structural validation of a statement's answers against its sheets, without ajv: ajv compiles
 * validators with `new Function`, which the browser's CSP forbids, and the same check must run
 * in the browser (while typing) and on the server (the authority). See
 * docs/decisions/0101-structural-validation.md. Blank (missing key or null) is always accepted
 * except where `required` asks for a value.
 */
import type { FieldError, FormPackage } from './model';
import type { GroupShape, LeafShape, MemberShape, SheetShape, TableShape } from './sheetShape';
import { shapeOf } from './shapeCache';

export interface ValidateAnswersOptions {
  /** Draft mode: skip `required` (a draft is saved incomplete; requiredness is enforced on transmission). */
  partial?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown) => v === undefined || v === null;

const UNIT_SYMBOLS: Record<string, string> = { EUR: '€', '%': '%', m2: 'm²', ETP: 'ETP', logements: 'logements', jours: 'jours' };
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 10 });

function formatNumber(n: number, unit?: string): string {
  return unit ? `${numberFormat.format(n)} ${UNIT_SYMBOLS[unit] ?? unit}` : numberFormat.format(n);
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return `« ${v.length > 40 ? v.slice(0, 40) + '…' : v} »`;
  if (typeof v === 'object') return Array.isArray(v) ? 'une liste' : 'un objet';
  return String(v);
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

interface Where {
  sheet: string;
  row?: number;
  /** Label prefix shown before the field's own title (group title, or table title and row). */
  prefix: string;
}

class Validator {
  readonly errors: FieldError[] = [];
  constructor(private readonly opts: ValidateAnswersOptions) {}

  error(where: Where, path: string, keyword: string, message: string, code?: string): void {
    const e: FieldError = { sheet: where.sheet, path, keyword, message };
    if (where.row !== undefined) e.row = where.row;
    if (code) e.code = code;
    this.errors.push(e);
  }

  sheet(shape: SheetShape, title: string, value: unknown): void {
    const where: Where = { sheet: shape.sheet, prefix: '' };
    if (!isBlank(value) && !isObject(value)) {
      this.error(
        where,
        '',
        'type',
        `Feuillet ${shape.sheet} (${title}) : les réponses doivent être un objet, pas ${describeValue(value)}.`,
      );
      return;
    }
    const data = (value ?? {}) as Json;
    this.members(where, shape.members, shape.required, data, '');
  }

  private members(where: Where, members: MemberShape[], required: string[], data: Json, pathPrefix: string): void {
    const byKey = new Map(members.map((m) => [m.key, m] as const));
    for (const key of Object.keys(data)) {
      if (!byKey.has(key)) {
        this.error(
          where,
          pathPrefix + key,
          'additionalProperties',
          `${where.prefix}Propriété inconnue « ${key} » : elle ne fait pas partie du feuillet ${where.sheet}.`,
        );
      }
    }
    for (const member of members) {
      const value = Object.prototype.hasOwnProperty.call(data, member.key) ? data[member.key] : undefined;
      if (isBlank(value)) {
        if (required.includes(member.key) && !this.opts.partial) this.requiredMissing(where, member, pathPrefix);
        if (member.kind === 'group' && !this.opts.partial && required.includes(member.key)) this.group(where, member, {});
        continue;
      }
      if (member.kind === 'field') this.leaf(where, member, value);
      else if (member.kind === 'group') {
        if (!isObject(value))
          this.error(where, member.key, 'type', `${member.title} : un groupe de valeurs est attendu, pas ${describeValue(value)}.`);
        else this.group(where, member, value);
      } else this.table(where, member, value);
    }
  }

  private requiredMissing(where: Where, member: MemberShape, pathPrefix: string): void {
    const title = member.kind === 'field' ? member.field.title : member.kind === 'group' ? member.title : member.table.title;
    const code = member.kind === 'field' ? member.field.code : member.kind === 'table' ? member.table.code : undefined;
    if (member.kind === 'group') return; // its required fields are reported one by one
    this.error(where, pathPrefix + member.key, 'required', `${where.prefix}${title} : ce champ est obligatoire.`, code);
  }

  private group(where: Where, group: GroupShape, data: Json): void {
    const inner: Where = { ...where, prefix: `${group.title} – ` };
    this.members(inner, group.fields, group.required, data, `${group.key}.`);
  }

  private table(where: Where, table: TableShape, value: unknown): void {
    const { title, code, path } = table.table;
    if (!Array.isArray(value)) {
      this.error(where, path, 'type', `${title} : une liste de lignes est attendue, pas ${describeValue(value)}.`, code);
      return;
    }
    if (table.maxItems !== undefined && value.length > table.maxItems) {
      this.error(where, path, 'maxItems', `${title} : ${table.maxItems} ligne(s) au plus (${value.length} saisies).`, code);
    }
    if (table.minItems !== undefined && value.length < table.minItems && !this.opts.partial) {
      this.error(where, path, 'minItems', `${title} : ${table.minItems} ligne(s) au moins (${value.length} saisie(s)).`, code);
    }
    value.forEach((row, index) => {
      const rowWhere: Where = { sheet: where.sheet, row: index, prefix: `${title}, ligne ${index + 1} – ` };
      if (!isObject(row)) {
        this.error(rowWhere, path, 'type', `${title}, ligne ${index + 1} : une ligne doit être un objet, pas ${describeValue(row)}.`, code);
        return;
      }
      this.members(rowWhere, table.columns, table.required, row, `${table.key}.`);
    });
  }

  private leaf(where: Where, leaf: LeafShape, value: unknown): void {
    const { field, constraints: c } = leaf;
    const label = `${where.prefix}${field.title}`;
    const fail = (keyword: string, problem: string) => this.error(where, field.path, keyword, `${label} : ${problem}`, field.code);
    switch (c.type) {
      case 'number':
      case 'integer':
        if (typeof value !== 'number' || !Number.isFinite(value))
          return fail('type', `un nombre est attendu, pas ${describeValue(value)}.`);
        if (c.type === 'integer' && !Number.isInteger(value)) return fail('type', `un nombre entier est attendu (${formatNumber(value)}).`);
        if (c.minimum !== undefined && value < c.minimum)
          fail('minimum', `la valeur doit être supérieure ou égale à ${formatNumber(c.minimum, field.unit)}.`);
        if (c.maximum !== undefined && value > c.maximum)
          fail('maximum', `la valeur doit être inférieure ou égale à ${formatNumber(c.maximum, field.unit)}.`);
        if (c.exclusiveMinimum !== undefined && value <= c.exclusiveMinimum)
          fail('exclusiveMinimum', `la valeur doit être strictement supérieure à ${formatNumber(c.exclusiveMinimum, field.unit)}.`);
        if (c.exclusiveMaximum !== undefined && value >= c.exclusiveMaximum)
          fail('exclusiveMaximum', `la valeur doit être strictement inférieure à ${formatNumber(c.exclusiveMaximum, field.unit)}.`);
        if (c.multipleOf !== undefined) {
          const q = value / c.multipleOf;
          if (Math.abs(q - Math.round(q)) > 1e-9) fail('multipleOf', `la valeur doit être un multiple de ${formatNumber(c.multipleOf)}.`);
        }
        break;
      case 'string':
      case 'date': {
        if (typeof value !== 'string')
          return fail(
            'type',
            c.type === 'date'
              ? `une date est attendue (AAAA-MM-JJ), pas ${describeValue(value)}.`
              : `un texte est attendu, pas ${describeValue(value)}.`,
          );
        if (c.type === 'date' && !isIsoDate(value)) {
          return fail(
            'format',
            /^\d{4}-\d{2}-\d{2}$/.test(value)
              ? `la date ${describeValue(value)} n'existe pas.`
              : `date invalide ${describeValue(value)} : la forme attendue est AAAA-MM-JJ (ex. 2025-12-31).`,
          );
        }
        const length = [...value].length;
        if (c.maxLength !== undefined && length > c.maxLength)
          return fail('maxLength', `${c.maxLength} caractères au plus (${length} saisis).`);
        if (c.minLength !== undefined && length < c.minLength)
          fail('minLength', `${c.minLength} caractères au moins (${length} saisi(s)).`);
        if (c.pattern !== undefined && !regex(c.pattern).test(value))
          fail('pattern', `la valeur ${describeValue(value)} n'a pas la forme attendue.`);
        break;
      }
      case 'boolean':
        if (typeof value !== 'boolean') return fail('type', `oui ou non (true ou false) est attendu, pas ${describeValue(value)}.`);
        break;
    }
    if (c.enum && !c.enum.includes(value as string | number | boolean))
      fail('enum', `la valeur ${describeValue(value)} ne fait pas partie des choix proposés.`);
  }
}

/** Every structural problem of `answers` (sheet id → sheet data) against the package's sheets. */
export function validateAnswers(pkg: FormPackage, answers: unknown, opts: ValidateAnswersOptions = {}): FieldError[] {
  const v = new Validator(opts);
  if (!isObject(answers)) {
    v.error(
      { sheet: '', prefix: '' },
      '',
      'type',
      `Les réponses doivent être un objet « feuillet » → valeurs, pas ${describeValue(answers)}.`,
    );
    return v.errors;
  }
  const sheets = new Map(pkg.sheets.map((s) => [s.id, s] as const));
  for (const key of Object.keys(answers)) {
    if (!sheets.has(key))
      v.error({ sheet: key, prefix: '' }, '', 'additionalProperties', `Feuillet inconnu « ${key} » : ce formulaire ne le contient pas.`);
  }
  for (const sheet of pkg.sheets) v.sheet(shapeOf(sheet), sheet.title, answers[sheet.id]);
  return v.errors;
}
