/**
 * An RJSF validator built on the engine's structural check (validateAnswers), not on ajv: ajv
 * compiles validators with `new Function`, which the CSP (script-src 'self', no unsafe-eval)
 * forbids. One validator per sheet of a loaded package.
 */
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidationData, ValidatorType } from '@rjsf/utils';
import { validateAnswers } from '../../../engine/package';
import type { FieldError, FormPackage } from '../../../engine/package/model';

type Json = Record<string, unknown>;

function errorPath(e: FieldError): string[] {
  const parts = e.path ? e.path.split('.') : [];
  if (e.row === undefined) return parts;
  return [parts[0], String(e.row), ...parts.slice(1)];
}

export function toValidationData<T>(errors: FieldError[]): ValidationData<T> {
  const list: RJSFValidationError[] = [];
  const schema: Json = {};
  for (const e of errors) {
    const path = errorPath(e);
    list.push({ name: e.keyword, message: e.message, property: path.length ? '.' + path.join('.') : '', stack: e.message });
    let node = schema;
    for (const p of path) node = (node[p] ??= {}) as Json;
    ((node.__errors ??= []) as string[]).push(e.message);
  }
  return { errors: list, errorSchema: schema as ErrorSchema<T> };
}

/** Enough of JSON Schema for RJSF's own needs (choosing among `oneOf` consts, defaults): type and const. */
function matches(schema: Json, value: unknown): boolean {
  if ('const' in schema) return schema.const === value;
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).includes(value);
  switch (schema.type) {
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

export function engineValidator(pkg: FormPackage, sheet: string): ValidatorType {
  const check = (formData: unknown) =>
    validateAnswers(pkg, { [sheet]: formData ?? {} }, { partial: true }).filter((e) => e.sheet === sheet);
  return {
    validateFormData(formData) {
      return toValidationData(check(formData));
    },
    isValid(schema: RJSFSchema, formData: unknown) {
      return matches(schema as Json, formData);
    },
    rawValidation<Result = unknown>(_schema: RJSFSchema, formData?: unknown) {
      return { errors: check(formData) as unknown as Result[] };
    },
  };
}
