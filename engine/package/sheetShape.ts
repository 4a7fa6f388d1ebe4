/**
 * Reads one sheet's JSON Schema against our restrictive subset and turns it into a normalised
 * shape: fields, groups of fields, open tables of rows of fields. The shape feeds the field index
 * (FieldDef/TableDef) and the structural answer validator. Pure: no ajv, no code generation.
 */
import type { FieldDef, FieldType, TableDef } from './model';
import type { DiagnosticBag } from './diagnostics';
import { frenchList } from './diagnostics';
import { joinPointer } from './json/pointer';
import { FIELD_CODE_PATTERN, PROPERTY_KEY_PATTERN, UNITS, matches } from './formats';
import { checkRegexSafety, regexSyntaxError } from '../regex/safety';

export type EnumValue = string | number | boolean;

export interface LeafConstraints {
  type: FieldType;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: EnumValue[];
}

export interface LeafShape {
  kind: 'field';
  key: string;
  field: FieldDef;
  constraints: LeafConstraints;
}

export interface GroupShape {
  kind: 'group';
  key: string;
  title: string;
  pointer: string;
  required: string[];
  fields: LeafShape[];
}

export interface TableShape {
  kind: 'table';
  key: string;
  table: TableDef;
  minItems?: number;
  maxItems?: number;
  required: string[];
  columns: LeafShape[];
}

export type MemberShape = LeafShape | GroupShape | TableShape;

export interface SheetShape {
  sheet: string;
  required: string[];
  members: MemberShape[];
}

/** Where each stable code was first seen, to report duplicates across the package. */
export type CodeRegistry = Map<string, string>;

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const ANNOTATIONS = ['title', 'description', '$comment', 'default', 'examples', 'deprecated'];
const OBJECT_KEYWORDS = ['type', 'properties', 'required', 'additionalProperties'];
const KEYWORDS = {
  root: [...ANNOTATIONS, '$schema', ...OBJECT_KEYWORDS],
  group: [...ANNOTATIONS, ...OBJECT_KEYWORDS],
  row: [...ANNOTATIONS, ...OBJECT_KEYWORDS],
  table: [...ANNOTATIONS, 'type', 'items', 'minItems', 'maxItems', 'x-code', 'x-key'],
  number: [
    ...ANNOTATIONS,
    'type',
    'x-code',
    'x-unit',
    'readOnly',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'multipleOf',
    'enum',
    'oneOf',
  ],
  string: [...ANNOTATIONS, 'type', 'x-code', 'readOnly', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'oneOf'],
  boolean: [...ANNOTATIONS, 'type', 'x-code', 'readOnly'],
};
const WHERE: Record<keyof typeof KEYWORDS, string> = {
  root: "à la racine d'un feuillet",
  group: 'dans un groupe de champs',
  row: "dans la description d'une ligne de tableau",
  table: 'dans un tableau',
  number: 'pour un champ numérique',
  string: 'pour un champ texte ou date',
  boolean: 'pour un champ booléen',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegativeInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const own = (o: Json, k: string) => Object.prototype.hasOwnProperty.call(o, k);

interface WalkContext {
  sheet: string;
  file: string;
  bag: DiagnosticBag;
  codes: CodeRegistry;
}

/** Returns the shape of a sheet, reporting every departure from the subset into `bag`. */
export function readSheetShape(
  sheet: string,
  schema: unknown,
  file: string,
  bag: DiagnosticBag,
  codes: CodeRegistry = new Map(),
): SheetShape | undefined {
  const ctx: WalkContext = { sheet, file, bag, codes };
  if (!isObject(schema) || schema.type !== 'object') {
    bag.add('SHEET_NOT_OBJECT', file, isObject(schema) && own(schema, 'type') ? '/type' : '');
    return undefined;
  }
  checkKeywords(ctx, schema, '', 'root');
  if (own(schema, '$schema') && schema.$schema !== DRAFT_2020_12) {
    bag.add('SHEET_KEYWORD_INVALID', file, '/$schema', { keyword: '$schema', expected: `"${DRAFT_2020_12}" (JSON Schema draft 2020-12)` });
  }
  const members: MemberShape[] = [];
  const properties = readProperties(ctx, schema, '');
  for (const [key, member, pointer] of properties) {
    const shape = readMember(ctx, key, member, pointer);
    if (shape) members.push(shape);
  }
  return { sheet, required: readRequired(ctx, schema, '', properties), members };
}

function readMember(ctx: WalkContext, key: string, schema: Json, pointer: string): MemberShape | undefined {
  if (schema.type === 'object') return readGroup(ctx, key, schema, pointer);
  if (schema.type === 'array') return readTable(ctx, key, schema, pointer);
  return readLeaf(ctx, key, schema, pointer, {});
}

function readGroup(ctx: WalkContext, key: string, schema: Json, pointer: string): GroupShape {
  checkKeywords(ctx, schema, pointer, 'group');
  const properties = readProperties(ctx, schema, pointer);
  const fields: LeafShape[] = [];
  for (const [childKey, child, childPointer] of properties) {
    if (child.type === 'object' || child.type === 'array') {
      ctx.bag.add('SHEET_NESTING', ctx.file, childPointer, {
        detail: `« ${key}.${childKey} » est un ${child.type === 'object' ? 'groupe' : 'tableau'} dans le groupe « ${key} ».`,
      });
      continue;
    }
    const leaf = readLeaf(ctx, childKey, child, childPointer, { group: key });
    if (leaf) fields.push(leaf);
  }
  return { kind: 'group', key, title: titleOf(schema, key), pointer, required: readRequired(ctx, schema, pointer, properties), fields };
}

function readTable(ctx: WalkContext, key: string, schema: Json, pointer: string): TableShape | undefined {
  checkKeywords(ctx, schema, pointer, 'table');
  const code = readCode(ctx, schema, pointer, key, 'Le tableau');
  for (const bound of ['minItems', 'maxItems'] as const) {
    if (own(schema, bound) && !isNonNegativeInteger(schema[bound])) {
      ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, joinPointer(pointer, bound), { keyword: bound, expected: 'un entier positif ou nul' });
    }
  }
  const items = schema.items;
  const itemsPointer = joinPointer(pointer, 'items');
  if (!isObject(items) || items.type !== 'object') {
    ctx.bag.add('SHEET_NESTING', ctx.file, isObject(items) ? itemsPointer : pointer, {
      detail: `le tableau « ${key} » doit décrire ses lignes par « "items": { "type": "object", "properties": { … } } ».`,
    });
    return undefined;
  }
  checkKeywords(ctx, items, itemsPointer, 'row');
  const properties = readProperties(ctx, items, itemsPointer);
  const columns: LeafShape[] = [];
  for (const [colKey, col, colPointer] of properties) {
    if (col.type === 'object' || col.type === 'array') {
      ctx.bag.add('SHEET_NESTING', ctx.file, colPointer, {
        detail: `la colonne « ${colKey} » du tableau « ${key} » est un ${col.type === 'object' ? 'groupe' : 'tableau'}.`,
      });
      continue;
    }
    const leaf = readLeaf(ctx, colKey, col, colPointer, { table: key });
    if (leaf) columns.push(leaf);
  }
  let rowKey: string | undefined;
  if (own(schema, 'x-key')) {
    if (typeof schema['x-key'] !== 'string') {
      ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, joinPointer(pointer, 'x-key'), { keyword: 'x-key', expected: "le nom d'une colonne" });
    } else if (!columns.some((c) => c.key === schema['x-key'])) {
      ctx.bag.add('SHEET_TABLE_KEY_UNKNOWN', ctx.file, joinPointer(pointer, 'x-key'), { key: schema['x-key'] });
    } else rowKey = schema['x-key'];
  }
  const table: TableDef = { sheet: ctx.sheet, path: key, code: code ?? '', title: titleOf(schema, key), pointer };
  if (rowKey) table.key = rowKey;
  const shape: TableShape = { kind: 'table', key, table, required: readRequired(ctx, items, itemsPointer, properties), columns };
  if (isNonNegativeInteger(schema.minItems)) shape.minItems = schema.minItems;
  if (isNonNegativeInteger(schema.maxItems)) shape.maxItems = schema.maxItems;
  return shape;
}

function readLeaf(
  ctx: WalkContext,
  key: string,
  schema: Json,
  pointer: string,
  parent: { group?: string; table?: string },
): LeafShape | undefined {
  const jsonType = schema.type;
  if (jsonType !== 'number' && jsonType !== 'integer' && jsonType !== 'string' && jsonType !== 'boolean') {
    ctx.bag.add('SHEET_TYPE_UNSUPPORTED', ctx.file, own(schema, 'type') ? joinPointer(pointer, 'type') : pointer, {
      found: own(schema, 'type') ? JSON.stringify(schema.type) : '(« type » absent)',
    });
    return undefined;
  }
  const family = jsonType === 'integer' ? 'number' : jsonType;
  checkKeywords(ctx, schema, pointer, family);
  const path = parent.group ? `${parent.group}.${key}` : parent.table ? `${parent.table}.${key}` : key;
  const code = readCode(ctx, schema, pointer, path, 'Le champ');
  const at = (k: string) => joinPointer(pointer, k);
  const invalid = (keyword: string, expected: string) => ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, at(keyword), { keyword, expected });

  let type: FieldType = jsonType;
  if (family === 'string' && own(schema, 'format')) {
    if (schema.format === 'date') type = 'date';
    else ctx.bag.add('SHEET_FORMAT_UNSUPPORTED', ctx.file, at('format'), { format: String(schema.format) });
  }
  const constraints: LeafConstraints = { type };
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const) {
    if (family !== 'number' || !own(schema, k)) continue;
    if (typeof schema[k] !== 'number' || (k === 'multipleOf' && (schema[k] as number) <= 0))
      invalid(k, k === 'multipleOf' ? 'un nombre strictement positif' : 'un nombre');
    else constraints[k] = schema[k] as number;
  }
  for (const k of ['minLength', 'maxLength'] as const) {
    if (family !== 'string' || !own(schema, k)) continue;
    if (!isNonNegativeInteger(schema[k])) invalid(k, 'un entier positif ou nul');
    else constraints[k] = schema[k];
  }
  if (family === 'string' && own(schema, 'pattern')) readPattern(ctx, schema, pointer, constraints);

  let unit: string | undefined;
  if (own(schema, 'x-unit')) {
    if (family !== 'number') ctx.bag.add('SHEET_UNIT_MISPLACED', ctx.file, at('x-unit'));
    else if (typeof schema['x-unit'] !== 'string' || !UNITS.includes(schema['x-unit'])) {
      ctx.bag.add('SHEET_UNIT_INVALID', ctx.file, at('x-unit'), { unit: String(schema['x-unit']), allowed: frenchList(UNITS) });
    } else unit = schema['x-unit'];
  }
  if (own(schema, 'readOnly') && typeof schema.readOnly !== 'boolean') invalid('readOnly', 'true ou false');
  const values = family === 'boolean' ? undefined : readEnum(ctx, schema, pointer, type);
  if (values) constraints.enum = values;

  const field: FieldDef = {
    sheet: ctx.sheet,
    path,
    code: code ?? '',
    type,
    title: titleOf(schema, key),
    readOnly: schema.readOnly === true,
    pointer,
  };
  if (unit) field.unit = unit;
  if (parent.table) field.table = parent.table;
  if (parent.group) field.group = parent.group;
  if (values) field.enum = values;
  return { kind: 'field', key, field, constraints };
}

function readPattern(ctx: WalkContext, schema: Json, pointer: string, constraints: LeafConstraints): void {
  const at = joinPointer(pointer, 'pattern');
  const pattern = schema.pattern;
  if (typeof pattern !== 'string') {
    ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, at, { keyword: 'pattern', expected: 'une expression régulière (chaîne)' });
    return;
  }
  if (!own(schema, 'maxLength')) ctx.bag.add('SHEET_PATTERN_UNBOUNDED', ctx.file, at);
  const syntax = regexSyntaxError(pattern);
  if (syntax) {
    ctx.bag.add('SHEET_PATTERN_INVALID', ctx.file, at, { detail: syntax });
    return;
  }
  const verdict = checkRegexSafety(pattern);
  if (!verdict.safe) ctx.bag.add('SHEET_PATTERN_UNSAFE', ctx.file, at, { detail: verdict.reason });
  else constraints.pattern = pattern;
}

function readEnum(ctx: WalkContext, schema: Json, pointer: string, type: FieldType): EnumValue[] | undefined {
  const fits = (v: unknown) =>
    type === 'integer' ? typeof v === 'number' && Number.isInteger(v) : type === 'date' ? typeof v === 'string' : typeof v === type;
  const typeLabel = { number: 'nombres', integer: 'entiers', string: 'chaînes', date: 'dates', boolean: 'booléens' }[type];
  const bad = (at: string, detail: string) => ctx.bag.add('SHEET_ENUM_INVALID', ctx.file, at, { detail });
  let values: EnumValue[] | undefined;
  if (own(schema, 'enum')) {
    const at = joinPointer(pointer, 'enum');
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) bad(at, '« enum » doit être une liste non vide.');
    else {
      schema.enum.forEach((v, index) => {
        if (!fits(v)) bad(joinPointer(at, index), `la valeur ${JSON.stringify(v)} n'est pas du type du champ (${typeLabel} attendus).`);
      });
      values = schema.enum.filter(fits) as EnumValue[];
    }
  }
  if (own(schema, 'oneOf')) {
    const at = joinPointer(pointer, 'oneOf');
    if (values) bad(at, 'utilisez « enum » ou « oneOf », pas les deux.');
    else if (!Array.isArray(schema.oneOf) || schema.oneOf.length === 0)
      bad(at, '« oneOf » doit être une liste non vide de { "const": valeur, "title": "libellé" }.');
    else {
      values = [];
      schema.oneOf.forEach((option, index) => {
        const optionAt = joinPointer(at, index);
        const extra = isObject(option) ? Object.keys(option).filter((k) => !['const', 'title', 'description'].includes(k)) : [];
        if (!isObject(option) || !own(option, 'const') || typeof option.title !== 'string' || extra.length > 0) {
          bad(optionAt, 'chaque option de « oneOf » s\'écrit { "const": valeur, "title": "libellé" } (et éventuellement "description").');
        } else if (!fits(option.const)) {
          bad(
            joinPointer(optionAt, 'const'),
            `la valeur ${JSON.stringify(option.const)} n'est pas du type du champ (${typeLabel} attendus).`,
          );
        } else values!.push(option.const as EnumValue);
      });
    }
  }
  if (values) {
    const seen = new Set<EnumValue>();
    for (const v of values) {
      if (seen.has(v))
        bad(joinPointer(pointer, own(schema, 'enum') ? 'enum' : 'oneOf'), `la valeur ${JSON.stringify(v)} figure deux fois.`);
      seen.add(v);
    }
  }
  return values;
}

function readCode(ctx: WalkContext, schema: Json, pointer: string, path: string, what: string): string | undefined {
  const at = joinPointer(pointer, 'x-code');
  const code = schema['x-code'];
  if (code === undefined) {
    ctx.bag.add('SHEET_CODE_MISSING', ctx.file, pointer, { what, path: `${ctx.sheet}.${path}` });
    return undefined;
  }
  if (typeof code !== 'string' || !matches(FIELD_CODE_PATTERN, code)) {
    ctx.bag.add('SHEET_CODE_INVALID', ctx.file, at, { code: String(code) });
    return undefined;
  }
  const other = ctx.codes.get(code);
  if (other !== undefined) ctx.bag.add('SHEET_CODE_DUPLICATE', ctx.file, at, { code, other });
  else ctx.codes.set(code, `${ctx.sheet}.${path}`);
  return code;
}

/** Own properties of an object schema, in declaration order, with their pointers; bad keys are reported. */
function readProperties(ctx: WalkContext, schema: Json, pointer: string): Array<[string, Json, string]> {
  const at = joinPointer(pointer, 'properties');
  if (own(schema, 'additionalProperties') && schema.additionalProperties !== false) {
    ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, joinPointer(pointer, 'additionalProperties'), {
      keyword: 'additionalProperties',
      expected: 'false (les propriétés non déclarées sont toujours refusées)',
    });
  }
  if (!own(schema, 'properties')) return [];
  if (!isObject(schema.properties)) {
    ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, at, { keyword: 'properties', expected: 'un objet « nom » → description du champ' });
    return [];
  }
  const out: Array<[string, Json, string]> = [];
  for (const [key, member] of Object.entries(schema.properties)) {
    const memberPointer = joinPointer(at, key);
    if (!matches(PROPERTY_KEY_PATTERN, key)) {
      ctx.bag.add('SHEET_KEY_INVALID', ctx.file, memberPointer, { key });
      continue;
    }
    if (!isObject(member)) {
      ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, memberPointer, { keyword: key, expected: 'un objet décrivant le champ' });
      continue;
    }
    if (own(member, '$ref')) {
      const ref = String(member.$ref);
      ctx.bag.add(ref.startsWith('#') ? 'SHEET_REF_UNSUPPORTED' : 'SHEET_REF_EXTERNAL', ctx.file, joinPointer(memberPointer, '$ref'), {
        ref,
      });
      continue;
    }
    out.push([key, member, memberPointer]);
  }
  return out;
}

function readRequired(ctx: WalkContext, schema: Json, pointer: string, properties: Array<[string, Json, string]>): string[] {
  if (!own(schema, 'required')) return [];
  const at = joinPointer(pointer, 'required');
  if (!Array.isArray(schema.required) || schema.required.some((k) => typeof k !== 'string')) {
    ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, at, { keyword: 'required', expected: 'une liste de noms de propriétés' });
    return [];
  }
  const declared = new Set(properties.map(([k]) => k));
  const out: string[] = [];
  schema.required.forEach((key: string, index: number) => {
    if (!declared.has(key)) ctx.bag.add('SHEET_REQUIRED_UNKNOWN', ctx.file, joinPointer(at, index), { key });
    else out.push(key);
  });
  return out;
}

function checkKeywords(ctx: WalkContext, schema: Json, pointer: string, kind: keyof typeof KEYWORDS): void {
  const allowed = KEYWORDS[kind];
  for (const keyword of Object.keys(schema)) {
    if (allowed.includes(keyword)) continue;
    if (keyword === '$ref') {
      const ref = String(schema.$ref);
      ctx.bag.add(ref.startsWith('#') ? 'SHEET_REF_UNSUPPORTED' : 'SHEET_REF_EXTERNAL', ctx.file, joinPointer(pointer, keyword), { ref });
      continue;
    }
    ctx.bag.add('SHEET_KEYWORD_UNSUPPORTED', ctx.file, joinPointer(pointer, keyword), {
      keyword,
      where: WHERE[kind],
      allowed: allowed.join(', '),
    });
  }
  for (const k of ['title', 'description', '$comment'] as const) {
    if (own(schema, k) && typeof schema[k] !== 'string') {
      ctx.bag.add('SHEET_KEYWORD_INVALID', ctx.file, joinPointer(pointer, k), { keyword: k, expected: 'une chaîne de caractères' });
    }
  }
}

function titleOf(schema: Json, fallback: string): string {
  return typeof schema.title === 'string' && schema.title.trim() !== '' ? schema.title : fallback;
}

/** Flattens a shape into the package's field and table index. */
export function indexOfShape(shape: SheetShape): { fields: FieldDef[]; tables: TableDef[] } {
  const fields: FieldDef[] = [];
  const tables: TableDef[] = [];
  for (const member of shape.members) {
    if (member.kind === 'field') fields.push(member.field);
    else if (member.kind === 'group') fields.push(...member.fields.map((f) => f.field));
    else {
      tables.push(member.table);
      fields.push(...member.columns.map((c) => c.field));
    }
  }
  return { fields, tables };
}
