/**
 * A small JSON Schema interpreter for the engine's own file formats (manifest, rules files).
 * Pure and eval-free so that the browser can run it; it understands only the keywords our
 * schemas use, and reports every violation with a JSON pointer and a French message.
 */
import { joinPointer } from './json/pointer';
import { frenchList } from './diagnostics';

export interface ShapeSchema {
  type?: JsonTypeName | JsonTypeName[];
  properties?: Record<string, ShapeSchema>;
  required?: string[];
  additionalProperties?: false | ShapeSchema;
  items?: ShapeSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  propertyNames?: { pattern: string; 'x-expected'?: string };
  allOf?: ShapeSchema[];
  if?: ShapeSchema;
  then?: ShapeSchema;
  /** French description of the expected value, used in messages (e.g. "un identifiant de feuillet (ex. ER01)"). */
  'x-expected'?: string;
  [annotation: string]: unknown;
}

type JsonTypeName = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface ShapeError {
  pointer: string;
  message: string;
}

const TYPE_LABELS: Record<JsonTypeName, string> = {
  object: 'un objet',
  array: 'un tableau',
  string: 'une chaîne de caractères',
  number: 'un nombre',
  integer: 'un nombre entier',
  boolean: 'true ou false',
  null: 'null',
};

export function jsonTypeOf(value: unknown): JsonTypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonTypeName;
}

function typeMatches(value: unknown, type: JsonTypeName): boolean {
  const actual = jsonTypeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function where(pointer: string): string {
  return pointer === '' ? 'À la racine' : `En « ${pointer} »`;
}

export function checkShape(value: unknown, schema: ShapeSchema, pointer = ''): ShapeError[] {
  const errors: ShapeError[] = [];
  const err = (message: string, at = pointer) => errors.push({ pointer: at, message });

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(value, t))) {
      const expected = schema['x-expected'] ?? types.map((t) => TYPE_LABELS[t]).join(' ou ');
      err(`${where(pointer)}, valeur attendue : ${expected}.`);
      return errors; // further keywords would only repeat the same problem
    }
  }
  if (schema.const !== undefined && value !== schema.const) err(`${where(pointer)}, la valeur doit être ${JSON.stringify(schema.const)}.`);
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    err(`${where(pointer)}, valeur « ${String(value)} » non admise : valeurs admises ${frenchList(schema.enum.map(String))}.`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      err(
        schema.minLength === 1
          ? `${where(pointer)}, la valeur ne doit pas être vide.`
          : `${where(pointer)}, ${schema.minLength} caractères au moins.`,
      );
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      err(`${where(pointer)}, ${schema.maxLength} caractères au plus.`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      err(`${where(pointer)}, valeur « ${value} » mal formée : ${schema['x-expected'] ?? `forme attendue ${schema.pattern}`}.`);
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      err(`${where(pointer)}, la valeur doit être supérieure ou égale à ${schema.minimum}.`);
    if (schema.maximum !== undefined && value > schema.maximum)
      err(`${where(pointer)}, la valeur doit être inférieure ou égale à ${schema.maximum}.`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) err(`${where(pointer)}, ${schema.minItems} élément(s) au moins.`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) err(`${where(pointer)}, ${schema.maxItems} élément(s) au plus.`);
    if (schema.uniqueItems) {
      const seen = new Set<string>();
      value.forEach((item, index) => {
        const key = JSON.stringify(item);
        if (seen.has(key))
          err(`${where(joinPointer(pointer, index))}, la valeur ${key} figure déjà dans la liste.`, joinPointer(pointer, index));
        seen.add(key);
      });
    }
    if (schema.items) value.forEach((item, index) => errors.push(...checkShape(item, schema.items!, joinPointer(pointer, index))));
  }
  if (isObject(value)) {
    for (const name of schema.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) err(`${where(pointer)}, la propriété obligatoire « ${name} » manque.`);
    }
    for (const [name, member] of Object.entries(value)) {
      const names = schema.propertyNames;
      if (names && !new RegExp(names.pattern, 'u').test(name)) {
        err(
          `${where(pointer)}, nom « ${name} » mal formé : ${names['x-expected'] ?? `forme attendue ${names.pattern}`}.`,
          joinPointer(pointer, name),
        );
      }
      const memberSchema =
        schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, name) ? schema.properties[name] : undefined;
      const at = joinPointer(pointer, name);
      if (memberSchema) errors.push(...checkShape(member, memberSchema, at));
      else if (schema.additionalProperties === false) {
        const known = Object.keys(schema.properties ?? {});
        err(`${where(pointer)}, propriété inconnue « ${name} » (propriétés admises : ${known.join(', ')}).`, at);
      } else if (schema.additionalProperties) errors.push(...checkShape(member, schema.additionalProperties, at));
    }
  }
  for (const sub of schema.allOf ?? []) errors.push(...checkShape(value, sub, pointer));
  if (schema.if && schema.then && checkShape(value, schema.if, pointer).length === 0) {
    errors.push(...checkShape(value, schema.then, pointer));
  }
  return errors;
}
