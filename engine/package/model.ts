/**
 * The in-memory form package, as produced by the loader (engine/package) and consumed by the
 * rule compiler (engine/rules), the diff (engine/diff) and the type generator (engine/types).
 */
import type { OrganisationKind, Severity } from '../api';

export interface Manifest {
  id: string;
  version: string;
  exercice: number;
  title: string;
  /** French introduction of the form, when the manifest has one. */
  description?: string;
  owner: string;
  audience: OrganisationKind[];
  /** `form@version` this version follows (for diffs and N-1 mapping), if any. */
  follows?: string;
  sheets: ManifestSheet[];
  rules: string[];
  attachments: AttachmentCategory[];
  prefill: string[];
  templates: Record<string, string>;
}

export interface ManifestSheet {
  id: string;
  title?: string;
  schema?: string;
  ui?: string;
  shared?: { form: string; version: string };
}

export interface AttachmentCategory {
  code: string;
  label: string;
  accept: string[];
}

export type FieldType = 'number' | 'integer' | 'string' | 'boolean' | 'date';

/** One leaf field of a sheet (a cell; for open tables, a column). */
export interface FieldDef {
  sheet: string;
  /** Dotted path inside the sheet: `siren`, `terrains.brut`, or for a table column `emprunts.crd_fin`. */
  path: string;
  code: string;
  type: FieldType;
  title: string;
  unit?: string;
  /** Path of the open table this field is a column of. */
  table?: string;
  /** Group (object property) this field belongs to, when not a table column. */
  group?: string;
  readOnly: boolean;
  /** Allowed values, when the schema restricts them (enum or oneOf consts). */
  enum?: Array<string | number | boolean>;
  /** JSON pointer of the field's schema inside its sheet file. */
  pointer: string;
}

export interface TableDef {
  sheet: string;
  path: string;
  code: string;
  title: string;
  /** Column holding the row key, if any (x-key). */
  key?: string;
  pointer: string;
}

export interface SheetDef {
  id: string;
  title: string;
  /** The JSON Schema, as parsed (plain JSON). */
  schema: Record<string, unknown>;
  ui: Record<string, unknown>;
  /** File the schema came from, relative to the package that owns it. */
  file: string;
  sharedFrom?: { form: string; version: string };
}

/** A rule as written in a rules file, with where it came from (for diagnostics). */
export interface RuleDef {
  id: string;
  kind: 'computed' | 'check' | 'required' | 'attachment';
  severity?: Severity;
  active?: boolean;
  title?: string;
  when?: string;
  forEach?: string;
  target?: string;
  expr?: string;
  assert?: string;
  fields?: string[];
  category?: string;
  values?: Record<string, string>;
  message?: string;
  /** Rules file and JSON pointer of this rule inside it. */
  file: string;
  pointer: string;
  /** Package that owns the rule (differs from the loaded one for rules of shared sheets). */
  origin: string;
}

export interface FormPackage {
  manifest: Manifest;
  sheets: SheetDef[];
  fields: FieldDef[];
  tables: TableDef[];
  rules: RuleDef[];
  /** Template name → handlebars source. */
  templates: Record<string, string>;
}

/**
 * A structural problem of an answer against its sheet (type, bounds, format, unknown property…),
 * found by validateAnswers without ajv so the browser can run it too.
 */
export interface FieldError {
  sheet: string;
  /** Dotted path inside the sheet (`''` for the sheet itself, `emprunts` for a whole table). */
  path: string;
  /** 0-based row, for cells and rows of open tables. */
  row?: number;
  /** Stable code (x-code) of the field or table, when the path designates one. */
  code?: string;
  /** The JSON Schema keyword that failed: type, minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength, pattern, enum, format, required, additionalProperties, minItems, maxItems. */
  keyword: string;
  /** French message for the person filling the statement. */
  message: string;
}
