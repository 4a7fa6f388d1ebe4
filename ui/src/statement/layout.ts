/**
 * What to draw for one sheet, read once from its JSON Schema (root object → fields, groups of
 * fields, open tables; nesting stops there, see docs/forms/format.md) and its UI schema.
 */
import { choicesOf, type ChoiceOption } from '../rjsf/primitives';

type Json = Record<string, unknown>;

export interface LeafPlan {
  kind: 'field';
  /** Dotted path inside the sheet (`siren`, `terrains.brut`, or `emprunts.crd_fin` for a column). */
  path: string;
  /** Key inside its parent object (the column name for tables). */
  name: string;
  title: string;
  hint?: string;
  type: 'number' | 'integer' | 'string' | 'boolean' | 'date';
  unit?: string;
  code?: string;
  readOnly: boolean;
  choices?: ChoiceOption[];
  multiline: boolean;
  maxLength?: number;
}

export interface GroupPlan {
  kind: 'group';
  path: string;
  title: string;
  hint?: string;
  fields: LeafPlan[];
}

export interface TablePlan {
  kind: 'table';
  path: string;
  title: string;
  hint?: string;
  code?: string;
  columns: LeafPlan[];
  /** Row template for new rows: every column blank. */
  keyColumn?: string;
}

export type ItemPlan = LeafPlan | GroupPlan | TablePlan;

export interface SheetPlan {
  id: string;
  title: string;
  /** `grid` (UI schema `ui:options.layout`): groups sharing the same columns are drawn as one table, like a bilan. */
  layout?: string;
  items: ItemPlan[];
  /** Every leaf path of the sheet, in order (tables: column paths), for navigation and merges. */
  leaves: LeafPlan[];
}

function ordered(properties: Json, ui: Json | undefined): string[] {
  const keys = Object.keys(properties);
  const order = Array.isArray(ui?.['ui:order']) ? (ui!['ui:order'] as string[]) : null;
  if (!order) return keys;
  const star = order.indexOf('*');
  const listed = order.filter((k) => k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  return star >= 0 ? [...listed.slice(0, star), ...rest, ...listed.slice(star)] : [...listed, ...rest];
}

function leafType(schema: Json): LeafPlan['type'] {
  const t = Array.isArray(schema.type) ? (schema.type as string[]).find((x) => x !== 'null') : (schema.type as string);
  if (t === 'string' && schema.format === 'date') return 'date';
  if (t === 'number' || t === 'integer' || t === 'boolean') return t;
  return 'string';
}

function leaf(path: string, name: string, schema: Json, ui: Json | undefined): LeafPlan {
  const help = (ui?.['ui:help'] as string | undefined) ?? (schema.description as string | undefined);
  return {
    kind: 'field',
    path,
    name,
    title: String(ui?.['ui:title'] ?? schema.title ?? name),
    hint: help ? String(help) : undefined,
    type: leafType(schema),
    unit: schema['x-unit'] as string | undefined,
    code: schema['x-code'] as string | undefined,
    readOnly: schema.readOnly === true,
    choices: choicesOf(schema),
    multiline: ui?.['ui:widget'] === 'textarea',
    maxLength: schema.maxLength as number | undefined,
  };
}

function isObject(schema: Json): boolean {
  return schema.type === 'object' || (schema.properties !== undefined && schema.type === undefined);
}

export function planSheet(id: string, title: string, schema: Json, ui: Json = {}): SheetPlan {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const items: ItemPlan[] = [];
  const leaves: LeafPlan[] = [];
  for (const name of ordered(properties, ui)) {
    const prop = properties[name];
    const propUi = ui[name] as Json | undefined;
    if (prop.type === 'array') {
      const itemSchema = (prop.items ?? {}) as Json;
      const cols = (itemSchema.properties ?? {}) as Record<string, Json>;
      const itemUi = (propUi?.items ?? {}) as Json;
      const columns = ordered(cols, itemUi).map((c) => leaf(`${name}.${c}`, c, cols[c], itemUi[c] as Json | undefined));
      leaves.push(...columns);
      items.push({
        kind: 'table',
        path: name,
        title: String(prop.title ?? name),
        hint: prop.description as string | undefined,
        code: prop['x-code'] as string | undefined,
        columns,
        keyColumn: prop['x-key'] as string | undefined,
      });
    } else if (isObject(prop)) {
      const fieldsSchema = (prop.properties ?? {}) as Record<string, Json>;
      const fields = ordered(fieldsSchema, propUi).map((f) => leaf(`${name}.${f}`, f, fieldsSchema[f], propUi?.[f] as Json | undefined));
      leaves.push(...fields);
      items.push({ kind: 'group', path: name, title: String(prop.title ?? name), hint: prop.description as string | undefined, fields });
    } else {
      const l = leaf(name, name, prop, propUi);
      leaves.push(l);
      items.push(l);
    }
  }
  const options = (ui['ui:options'] ?? {}) as Json;
  return {
    id,
    title: String(schema.title ?? title),
    layout: typeof options.layout === 'string' ? options.layout : undefined,
    items,
    leaves,
  };
}

/** Reads `a` or `a.b` inside a sheet's data. */
export function readPath(data: Record<string, unknown> | undefined, path: string): unknown {
  if (!data) return undefined;
  const dot = path.indexOf('.');
  if (dot < 0) return data[path];
  const parent = data[path.slice(0, dot)];
  return parent && typeof parent === 'object' && !Array.isArray(parent) ? (parent as Json)[path.slice(dot + 1)] : undefined;
}

/** Writes `a` or `a.b` inside a sheet's data (creating the group object when missing). */
export function writePath(data: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot < 0) {
    if (value === null || value === undefined) delete data[path];
    else data[path] = value;
    return;
  }
  const head = path.slice(0, dot);
  const group = (data[head] && typeof data[head] === 'object' ? data[head] : (data[head] = {})) as Json;
  const tail = path.slice(dot + 1);
  if (value === null || value === undefined) delete group[tail];
  else group[tail] = value;
}
