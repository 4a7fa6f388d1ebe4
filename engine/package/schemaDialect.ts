/**
 * Draft 2020-12 meta-validation of sheet schemas with ajv. Server and CLI only: ajv compiles
 * validators with `new Function`, which the browser's CSP forbids, so nothing the browser
 * imports may import this module (engine/index.ts does not).
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../api';
import type { FormPackage } from './model';
import { DiagnosticBag } from './diagnostics';

const TYPE_NAMES: Record<string, string> = {
  array: 'une liste',
  object: 'un objet',
  string: 'une chaîne',
  number: 'un nombre',
  integer: 'un entier',
  boolean: 'true ou false',
  null: 'null',
};

/** ajv's English messages, in French for the keywords a meta-schema check reports (ajv-i18n is not installed). */
export function frenchAjvMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `valeur attendue : ${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' ou ')}.`;
    case 'required':
      return `la propriété « ${String(p.missingProperty)} » est obligatoire.`;
    case 'additionalProperties':
      return `propriété inconnue « ${String(p.additionalProperty)} ».`;
    case 'enum':
      return `valeur non admise (valeurs admises : ${JSON.stringify(p.allowedValues)}).`;
    case 'const':
      return `la valeur doit être ${JSON.stringify(p.allowedValue)}.`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `la valeur doit être ${String(p.comparison)} ${String(p.limit)}.`;
    case 'minItems':
      return `${String(p.limit)} élément(s) au moins.`;
    case 'uniqueItems':
      return `les éléments ${String(p.j)} et ${String(p.i)} sont identiques.`;
    case 'format':
      return `format « ${String(p.format)} » attendu.`;
    case 'pattern':
      return `forme attendue ${String(p.pattern)}.`;
    default:
      return `${e.message ?? 'invalide'} (${e.keyword}).`;
  }
}

function createAjv(): Ajv2020 {
  // $data off (CVE-2025-69873); strict so that a misspelt keyword is an error, not a silent no-op.
  const ajv = new Ajv2020({ strict: true, $data: false, allErrors: true, validateFormats: true, loadSchema: undefined });
  addFormats(ajv, ['date']);
  ajv.addKeyword({ keyword: 'x-code', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-key', schemaType: 'string' });
  return ajv;
}

/** Checks every sheet schema the package owns (shared sheets are checked in their own package). */
export function validateSheetSchemas(pkg: FormPackage): Diagnostic[] {
  const bag = new DiagnosticBag();
  const ajv = createAjv();
  for (const sheet of pkg.sheets) {
    if (sheet.sharedFrom) continue;
    bag.push(...validateSchemaDocument(ajv, sheet.schema, sheet.file));
  }
  return bag.items;
}

function validateSchemaDocument(ajv: Ajv2020, schema: Record<string, unknown>, file: string): Diagnostic[] {
  const bag = new DiagnosticBag();
  if (!ajv.validateSchema(schema)) {
    for (const e of ajv.errors ?? []) {
      bag.add('SCHEMA_INVALID', file, e.instancePath, { detail: frenchAjvMessage(e) });
    }
    return bag.items;
  }
  try {
    ajv.compile(schema);
  } catch (e) {
    bag.add('SCHEMA_INVALID', file, '', { detail: `${(e as Error).message}.` });
  } finally {
    ajv.removeSchema(schema);
  }
  return bag.items;
}
