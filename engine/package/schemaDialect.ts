/**
 * Draft 2020-12 meta-validation of sheet schemas with ajv. Server and CLI only: ajv compiles
 * validators with `new Function`, which the browser's CSP forbids, so nothing the browser
 * imports may import this module (engine/index.ts does not).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../api';
import type { FormPackage } from './model';
import { DiagnosticBag } from './diagnostics';

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
      const detail = `${e.message ?? 'invalide'}${e.params && Object.keys(e.params).length ? ` (${JSON.stringify(e.params)})` : ''}.`;
      bag.add('SCHEMA_INVALID', file, e.instancePath, { detail });
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
