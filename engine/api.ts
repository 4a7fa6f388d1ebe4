/**
 * The engine's public contract: the types that the server and the ui program against.
 * Implementations live in engine/package, engine/rules, engine/diff, engine/types;
 * engine/index.ts re-exports them. Everything here is plain, serialisable data.
 */

/** Organisation kinds (famille) as used in manifests' audience and in rules (`organisme.famille`). */
export type OrganisationKind = 'OPH' | 'ESH' | 'COOP' | 'SEM' | 'MOI' | 'SC';

export type Severity = 'blocking' | 'warning' | 'info';

/** A problem found while loading or checking a package: everything an editor needs to fix it. */
export interface Diagnostic {
  /** Stable machine code, e.g. RULE_UNKNOWN_FIELD, SCHEMA_INVALID, JSON_SYNTAX. */
  code: string;
  /** Human message in French for editors. */
  message: string;
  /** File inside the package, relative to its root (e.g. `sheets/ER01.schema.json`, `rules.json`). */
  file: string;
  /** JSON pointer inside that file, when relevant (e.g. `/rules/12/assert`). */
  pointer?: string;
  /** Rule id, when the problem is in a rule. */
  ruleId?: string;
  /** 1-based line and column inside the expression (or the file for JSON syntax errors). */
  line?: number;
  column?: number;
}

export interface LoadResult<T> {
  ok: boolean;
  value?: T;
  diagnostics: Diagnostic[];
}

/**
 * A package as raw files: path relative to the package root → file content (text).
 * This is what the CLI reads from a folder, and what a JSON bundle upload contains.
 */
export type PackageFiles = Record<string, string>;

/** One JSON bundle = the same content as a folder, for upload. */
export interface PackageBundle {
  format: 'harmonia-form-package@1';
  files: PackageFiles;
}

/**
 * Answers of one statement: sheet id → that sheet's data, exactly as the sheet's JSON Schema
 * describes it (objects, arrays of row objects for open tables). A missing key or null is blank.
 */
export type Answers = Record<string, Record<string, unknown>>;

/** Location of a field inside a statement. `row` is 0-based, only for cells of open tables. */
export interface FieldLocation {
  sheet: string;
  /** Dotted path inside the sheet, e.g. `terrains.brut` or, for a table column, `emprunts.crd_fin`. */
  path: string;
  row?: number;
  /** Stable code of the field (x-code), independent of its path and label. */
  code: string;
}

export interface ControlResult {
  ruleId: string;
  severity: Severity;
  status: 'pass' | 'fail' | 'not_applicable' | 'error';
  /** Fields the rule reads or targets, for navigation from the panel to the field. */
  fields: FieldLocation[];
  /** For row-level rules: the row (0-based) this result is about. */
  row?: number;
  /** Rendered French message, HTML-escaped (render it as HTML or decode it), present when status is fail or error. */
  message?: string;
}

export interface EvaluationContext {
  organisation: {
    siren: string;
    name: string;
    kind: OrganisationKind;
    /** Département code of the registered office (siège), e.g. "69". */
    departement: string;
    /** Départements where the organisation holds housing stock. */
    departements: string[];
  };
  campaign: { exercice: number; opensAt?: string; closesAt?: string };
  /** The organisation's transmitted statement of the previous exercice, by stable field code. */
  previous?: Record<string, unknown>;
  /**
   * The same organisation's transmitted statements of other forms of the same exercice, for
   * cross-form rules: form id → `SHEET.path` as rules write it (`dis::DIS04.pf`) → value.
   */
  otherForms?: Record<string, Record<string, unknown>>;
  /** Attachment category code → number of files attached. */
  attachments?: Record<string, number>;
}

export interface Report {
  /** Values of computed fields, by sheet → path (table columns as arrays per row). */
  computed: Answers;
  controls: ControlResult[];
  counts: Record<Severity, number>;
  /** True when no blocking control fails and every failing warning has a justification. */
  transmissible: boolean;
  /** Failing warnings that still lack a justification (rule id + row). */
  unjustified: Array<{ ruleId: string; row?: number }>;
}

/** Justifications given by the organisation: key `ruleId` or `ruleId#row` → text. */
export type Justifications = Record<string, string>;

export interface FieldChange {
  sheet: string;
  path: string;
  row?: number;
  old: unknown;
  new: unknown;
}
