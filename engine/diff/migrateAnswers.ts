/**
 * migrateAnswers: carries a statement's answers from one version of a form to the next by stable
 * code. Every value of the input ends up either in `carried` or in `notCarried` with a reason:
 * nothing is dropped silently.
 */
import type { Answers } from '../api';
import type { FieldDef, FormPackage, TableDef } from '../package/model';
import { isIsoDate } from '../package/validateAnswers';
import { TYPE_LABELS } from './labels';

export interface ValuePlace {
  sheet: string;
  path: string;
  row?: number;
}

export interface CarriedValue {
  code: string;
  from: ValuePlace;
  to: ValuePlace;
  value: unknown;
  /** True when the value was converted (e.g. integer to number). */
  converted?: boolean;
}

export type NotCarriedReason = 'removed' | 'type' | 'choices' | 'computed' | 'table' | 'unknown';

export interface NotCarriedValue extends ValuePlace {
  /** Stable code of the field in the source version ('' for a value no field describes). */
  code: string;
  value: unknown;
  reason: NotCarriedReason;
  /** French explanation. */
  message: string;
}

export interface Migration {
  answers: Answers;
  carried: CarriedValue[];
  notCarried: NotCarriedValue[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown) => v === undefined || v === null;
const own = (o: Json, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The value converted to the target type, or undefined when it cannot be kept as is. */
function convert(value: unknown, from: FieldDef['type'], to: FieldDef['type']): { value: unknown; converted: boolean } | undefined {
  if (from === to) return { value, converted: false };
  if (to === 'number' && typeof value === 'number') return { value, converted: true };
  if (to === 'integer' && typeof value === 'number' && Number.isInteger(value)) return { value, converted: true };
  if (to === 'string' && typeof value === 'string') return { value, converted: true };
  if (to === 'date' && typeof value === 'string' && isIsoDate(value)) return { value, converted: true };
  return undefined;
}

class Migrator {
  readonly result: Migration = { answers: {}, carried: [], notCarried: [] };
  private readonly toByCode: Map<string, FieldDef>;
  private readonly toTables: Map<string, TableDef>;
  private readonly fromTables: Map<string, TableDef>;

  constructor(
    private readonly from: FormPackage,
    private readonly to: FormPackage,
  ) {
    this.toByCode = new Map(to.fields.map((f) => [f.code, f] as const));
    this.toTables = new Map(to.tables.map((t) => [`${t.sheet}.${t.path}`, t] as const));
    this.fromTables = new Map(from.tables.map((t) => [`${t.sheet}.${t.path}`, t] as const));
  }

  drop(place: ValuePlace, code: string, value: unknown, reason: NotCarriedReason, message: string): void {
    this.result.notCarried.push({ ...place, code, value, reason, message });
  }

  run(answers: Answers): Migration {
    const fieldsBySheet = new Map<string, FieldDef[]>();
    for (const f of this.from.fields) fieldsBySheet.set(f.sheet, [...(fieldsBySheet.get(f.sheet) ?? []), f]);
    for (const [sheet, data] of Object.entries(answers ?? {})) {
      if (isBlank(data)) continue;
      if (!fieldsBySheet.has(sheet) || !isObject(data)) {
        this.drop(
          { sheet, path: '' },
          '',
          data,
          'unknown',
          `Le feuillet ${sheet} n'existe pas dans la version d'origine : ses réponses ne sont pas reprises.`,
        );
        continue;
      }
      this.sheet(sheet, data, fieldsBySheet.get(sheet)!);
    }
    return this.result;
  }

  private sheet(sheet: string, data: Json, fields: FieldDef[]): void {
    const known = new Set<string>();
    for (const f of fields) {
      const [head, tail] = f.path.split('.');
      known.add(head);
      if (f.table) continue;
      const container = f.group ? data[head] : data;
      if (!isObject(container)) continue;
      const key = f.group ? tail : head;
      if (own(container, key) && !isBlank(container[key])) this.cell(f, { sheet, path: f.path }, container[key]);
    }
    for (const [key, value] of Object.entries(data)) {
      if (isBlank(value)) continue;
      if (!known.has(key)) {
        this.drop(
          { sheet, path: key },
          '',
          value,
          'unknown',
          `« ${sheet}.${key} » ne correspond à aucun champ de la version d'origine : valeur non reprise.`,
        );
        continue;
      }
      const table = this.fromTables.get(`${sheet}.${key}`);
      const groupFields = fields.filter((f) => f.group === key);
      if (table)
        this.table(
          table,
          value,
          fields.filter((f) => f.table === key),
        );
      else if (groupFields.length > 0 && !isObject(value)) {
        this.drop(
          { sheet, path: key },
          '',
          value,
          'unknown',
          `« ${sheet}.${key} » devrait regrouper des champs, mais contient ${JSON.stringify(value)} : valeur non reprise.`,
        );
      } else if (isObject(value)) this.unknownMembers(sheet, key, value, groupFields);
    }
  }

  private unknownMembers(sheet: string, group: string, value: Json, fields: FieldDef[]): void {
    const keys = new Set(fields.map((f) => f.path.split('.')[1]));
    for (const [k, v] of Object.entries(value)) {
      if (!keys.has(k) && !isBlank(v))
        this.drop(
          { sheet, path: `${group}.${k}` },
          '',
          v,
          'unknown',
          `« ${sheet}.${group}.${k} » ne correspond à aucun champ de la version d'origine : valeur non reprise.`,
        );
    }
  }

  private table(table: TableDef, rows: unknown, columns: FieldDef[]): void {
    if (!Array.isArray(rows)) {
      this.drop(
        { sheet: table.sheet, path: table.path },
        table.code,
        rows,
        'unknown',
        `Le tableau « ${table.title} » ne contient pas une liste de lignes : contenu non repris.`,
      );
      return;
    }
    const colKeys = new Set(columns.map((c) => c.path.split('.')[1]));
    rows.forEach((row, index) => {
      if (!isObject(row)) {
        this.drop(
          { sheet: table.sheet, path: table.path, row: index },
          table.code,
          row,
          'unknown',
          `Ligne ${index + 1} du tableau « ${table.title} » illisible : non reprise.`,
        );
        return;
      }
      for (const col of columns) {
        const key = col.path.split('.')[1];
        if (own(row, key) && !isBlank(row[key])) this.cell(col, { sheet: table.sheet, path: col.path, row: index }, row[key], table);
      }
      for (const [k, v] of Object.entries(row)) {
        if (!colKeys.has(k) && !isBlank(v)) {
          this.drop(
            { sheet: table.sheet, path: `${table.path}.${k}`, row: index },
            '',
            v,
            'unknown',
            `« ${k} » (ligne ${index + 1} du tableau « ${table.title} ») ne correspond à aucune colonne : valeur non reprise.`,
          );
        }
      }
    });
  }

  private cell(field: FieldDef, place: ValuePlace, value: unknown, fromTable?: TableDef): void {
    const target = this.toByCode.get(field.code);
    const label = `« ${field.title} » (${field.sheet}.${field.path}${place.row !== undefined ? `, ligne ${place.row + 1}` : ''})`;
    if (!target)
      return this.drop(
        place,
        field.code,
        value,
        'removed',
        `Le champ ${label} n'existe plus dans la nouvelle version : valeur non reprise.`,
      );
    if (target.readOnly && !field.readOnly) {
      return this.drop(
        place,
        field.code,
        value,
        'computed',
        `Le champ ${label} est désormais calculé : la valeur saisie est remplacée par le calcul.`,
      );
    }
    const targetTable = target.table ? this.toTables.get(`${target.sheet}.${target.table}`) : undefined;
    if ((fromTable === undefined) !== (targetTable === undefined) || (fromTable && targetTable && fromTable.code !== targetTable.code)) {
      return this.drop(
        place,
        field.code,
        value,
        'table',
        `Le champ ${label} a changé de tableau dans la nouvelle version : valeur non reprise.`,
      );
    }
    const converted = convert(value, field.type, target.type);
    if (!converted) {
      return this.drop(
        place,
        field.code,
        value,
        'type',
        `Le champ ${label} est désormais de type ${TYPE_LABELS[target.type]} : la valeur ${JSON.stringify(value)} n'est pas reprise.`,
      );
    }
    if (target.enum && !target.enum.includes(converted.value as string | number | boolean)) {
      return this.drop(
        place,
        field.code,
        value,
        'choices',
        `Le choix ${JSON.stringify(value)} du champ ${label} n'est plus proposé : valeur non reprise.`,
      );
    }
    const to: ValuePlace = { sheet: target.sheet, path: target.path };
    if (place.row !== undefined) to.row = place.row;
    this.write(target, to, converted.value);
    const carried: CarriedValue = { code: field.code, from: place, to, value: converted.value };
    if (converted.converted) carried.converted = true;
    this.result.carried.push(carried);
  }

  private write(target: FieldDef, place: ValuePlace, value: unknown): void {
    const sheet = (this.result.answers[target.sheet] ??= {});
    const [head, tail] = target.path.split('.');
    if (target.table) {
      const rows = (sheet[head] ??= []) as Json[];
      while (rows.length <= place.row!) rows.push({});
      rows[place.row!][tail] = value;
    } else if (target.group) {
      ((sheet[head] ??= {}) as Json)[tail] = value;
    } else sheet[head] = value;
  }
}

/** Answers of version `from` rewritten for version `to`, with the list of what was and was not carried. */
export function migrateAnswers(answers: Answers, from: FormPackage, to: FormPackage): Migration {
  return new Migrator(from, to).run(answers);
}
