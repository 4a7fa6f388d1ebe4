import { z } from 'zod';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type Schema = Record<string, unknown>;

export interface Operation {
  summary: string;
  tags: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/** What each capability contributes: its paths (OpenAPI templates, `{id}`) and the component schemas they reference. */
export interface OpenApiFragment {
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>>;
  schemas?: Record<string, Schema>;
}

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

/** A closed object: every listed property required unless named in `optional`; nothing else allowed (responses are allowlists). */
export function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

export const string: Schema = { type: 'string' };
export const integer: Schema = { type: 'integer' };
export const boolean: Schema = { type: 'boolean' };
export const dateTime: Schema = { type: 'string', format: 'date-time' };
export const anyObject: Schema = { type: 'object' };

/** The request body schema of a route, generated from the same zod schema that validates it. */
export function jsonBody(schema: z.ZodType): unknown {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  return { required: true, content: { 'application/json': { schema: jsonSchema } } };
}

export const idParameter = (name = 'id') => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });

const ERROR_MEANINGS: Record<number, string> = {
  400: 'Requête invalide (JSON illisible)',
  401: 'Non connecté',
  403: 'Action non autorisée (ou jeton CSRF absent)',
  404: 'Introuvable, ou hors de votre périmètre',
  409: 'Conflit avec l’état actuel',
  413: 'Contenu trop volumineux',
  415: 'Type de contenu non accepté',
  422: 'Valeurs invalides (détails par champ)',
  429: 'Trop de tentatives',
};

/** An operation: its success responses, and the error statuses it may answer (all in the common error shape). */
export function operation(
  tags: string[],
  summary: string,
  responses: Record<number, Schema | null>,
  errors: number[],
  extra: Partial<Pick<Operation, 'parameters' | 'requestBody'>> = {},
): Operation {
  const all: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(responses)) {
    all[status] = schema ? { description: 'Succès', content: { 'application/json': { schema } } } : { description: 'Succès, sans contenu' };
  }
  for (const status of errors)
    all[String(status)] = { description: ERROR_MEANINGS[status] ?? 'Erreur', content: { 'application/json': { schema: ref('Error') } } };
  return { tags, summary, ...extra, responses: all };
}
