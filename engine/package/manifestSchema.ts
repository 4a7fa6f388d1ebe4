/**
 * The JSON Schema of manifest.json (draft 2020-12, restricted to the keywords schemaCheck
 * understands, so the browser can check a manifest without ajv). docs/forms/format.md describes
 * the same fields for editors.
 */
import type { ShapeSchema } from './schemaCheck';
import {
  ATTACHMENT_CODE_PATTERN,
  FILE_PATH_PATTERN,
  FORM_ID_PATTERN,
  ORGANISATION_KINDS,
  OWNERS,
  SHEET_ID_PATTERN,
  TEMPLATE_NAME_PATTERN,
  VERSION_PATTERN,
} from './formats';

const filePath: ShapeSchema = {
  type: 'string',
  maxLength: 200,
  pattern: FILE_PATH_PATTERN,
  'x-expected': 'un chemin relatif au dossier du paquet (ex. sheets/ER01.schema.json), sans « .. »',
};
const formId: ShapeSchema = {
  type: 'string',
  pattern: FORM_ID_PATTERN,
  'x-expected': 'un identifiant de formulaire en minuscules (ex. er-ols)',
};
const version: ShapeSchema = { type: 'string', pattern: VERSION_PATTERN, 'x-expected': 'une version de la forme AAAA.N (ex. 2025.1)' };
const text = (max: number): ShapeSchema => ({ type: 'string', minLength: 1, maxLength: max });

export const manifestSchema: ShapeSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://harmonia.example/schemas/manifest.json',
  title: 'Manifeste de paquet de formulaire Harmonia',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'exercice', 'title', 'owner', 'audience', 'sheets'],
  properties: {
    $schema: { type: 'string' },
    id: formId,
    version,
    exercice: { type: 'integer', minimum: 2000, maximum: 2100 },
    title: text(200),
    description: text(2000),
    owner: { type: 'string', enum: OWNERS },
    audience: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: ORGANISATION_KINDS } },
    follows: {
      type: 'string',
      pattern: `^${FORM_ID_PATTERN.slice(1, -1)}@${VERSION_PATTERN.slice(1, -1)}$`,
      'x-expected': 'formulaire@version (ex. er-ols@2024.1)',
    },
    sheets: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', pattern: SHEET_ID_PATTERN, 'x-expected': 'un identifiant de feuillet en majuscules (ex. ER01)' },
          title: text(200),
          schema: filePath,
          ui: filePath,
          shared: {
            type: 'object',
            additionalProperties: false,
            required: ['form', 'version'],
            properties: { form: formId, version },
          },
        },
      },
    },
    rules: { type: 'array', maxItems: 50, uniqueItems: true, items: filePath },
    attachments: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'label', 'accept'],
        properties: {
          code: { type: 'string', pattern: ATTACHMENT_CODE_PATTERN, 'x-expected': 'un code en minuscules (ex. comptes_certifies)' },
          label: text(200),
          accept: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', enum: ['pdf', 'xlsx', 'xls', 'ods', 'csv', 'docx', 'odt', 'jpg', 'png', 'zip'] },
          },
        },
      },
    },
    prefill: { type: 'array', maxItems: 2000, items: text(300) },
    templates: {
      type: 'object',
      additionalProperties: filePath,
      propertyNames: { pattern: TEMPLATE_NAME_PATTERN, 'x-expected': 'un nom de modèle en minuscules (ex. receipt)' },
      'x-expected': 'un objet « nom du modèle » → chemin du fichier .hbs',
    },
  },
};
