import Ajv2020 from 'ajv/dist/2020';
import { loadPackage } from './load';
import { validateSheetSchemas } from './schemaDialect';
import { manifestSchema } from './manifestSchema';
import { rulesFileSchema } from './rulesFileSchema';
import { samplePackage } from './testing';

describe('draft 2020-12 meta-validation (ajv, server and CLI only)', () => {
  it('accepts the sample sheet', () => {
    expect(validateSheetSchemas(loadPackage(samplePackage()).value!)).toEqual([]);
  });

  it('SCHEMA_INVALID for what the subset tolerates but the draft forbids', () => {
    const pkg = loadPackage(samplePackage(({ sheet }) => (sheet.properties.montant.examples = 'douze'))).value!;
    expect(validateSheetSchemas(pkg)).toEqual([
      expect.objectContaining({ code: 'SCHEMA_INVALID', file: 'sheets/S01.schema.json', pointer: '/properties/montant/examples' }),
    ]);
  });

  it('skips shared sheets, which their own package checks', () => {
    const pkg = loadPackage(samplePackage(({ sheet }) => (sheet.properties.montant.examples = 'douze'))).value!;
    pkg.sheets[0] = { ...pkg.sheets[0], sharedFrom: { form: 'autre', version: '2025.1' } };
    expect(validateSheetSchemas(pkg)).toEqual([]);
  });

  it('the manifest and rules-file schemas are themselves valid draft 2020-12 schemas', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(manifestSchema)).toBe(true);
    expect(ajv.validateSchema(rulesFileSchema)).toBe(true);
  });
});
