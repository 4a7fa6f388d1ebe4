import {
  anyObject,
  arrayOf,
  idParameter,
  integer,
  jsonBody,
  object,
  operation,
  string,
  type OpenApiFragment,
  type Schema,
} from '../openapi/builder';
import { CheckSchema, RemindSchema } from './schema';
import { jobsOpenApi } from './jobs-openapi';
import { workListParameter, workListsOpenApi } from './work-lists-openapi';

const TAGS = ['Consoles'];
const query = (name: string, schema: Schema) => ({ name, in: 'query', required: false, schema });
const counts: Schema = {
  type: 'object',
  properties: { not_started: integer, in_progress: integer, transmitted: integer, late: integer, total: integer, transmittedLate: integer },
};
const searchParameters = [
  query('campaign', integer),
  query('state', { enum: ['draft', 'transmitted', 'acknowledged', 'reopen_requested', 'reopened'] }),
  query('late', { enum: ['true', 'false'] }),
  query('kind', string),
  query('departement', string),
  query('q', string),
  query('page', integer),
  query('pageSize', integer),
  workListParameter,
];

/** A download (not JSON), with the usual errors. */
function download(summary: string, mediaType: string, description: string, parameters: unknown[] = []) {
  const op = operation(TAGS, summary, {}, parameters.length ? [401, 403, 404, 422] : [401, 403, 404], {
    parameters: [idParameter(), ...parameters],
  });
  return {
    ...op,
    responses: { ...op.responses, 200: { description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } } },
  };
}

/** The consoles' routes (server/consoles/routes.ts). */
export const consolesOpenApi: OpenApiFragment = {
  paths: {
    ...workListsOpenApi,
    ...jobsOpenApi,
    '/api/consoles/forms': {
      get: operation(
        TAGS,
        'Formulaires que l’éditeur peut modifier, avec leurs versions',
        { 200: object({ forms: arrayOf(anyObject) }) },
        [401, 403],
      ),
    },
    '/api/consoles/campaigns': {
      get: operation(TAGS, 'Campagnes que l’utilisateur suit ou gère', { 200: object({ items: arrayOf(anyObject) }) }, [401]),
    },
    '/api/consoles/campaigns/{id}/progress': {
      get: operation(
        TAGS,
        'Avancement d’une campagne par famille, région et département (non commencées, en cours, transmises, en retard)',
        {
          200: {
            type: 'object',
            properties: { totals: counts, byKind: arrayOf(anyObject), byRegion: arrayOf(anyObject) },
            required: ['totals', 'byKind', 'byRegion'],
          },
        },
        [401, 403, 404, 422],
        { parameters: [idParameter(), workListParameter] },
      ),
    },
    '/api/consoles/campaigns/{id}/organisations': {
      get: operation(
        TAGS,
        'Avancement par organisme (dans le périmètre de l’utilisateur)',
        { 200: object({ items: arrayOf(anyObject) }) },
        [401, 403, 404, 422],
        {
          parameters: [
            idParameter(),
            query('status', { enum: ['not_started', 'in_progress', 'transmitted', 'late'] }),
            query('kind', string),
            query('departement', string),
            query('q', string),
            workListParameter,
          ],
        },
      ),
    },
    '/api/consoles/campaigns/{id}/receipts.zip': {
      get: download('Récépissés (PDF) des déclarations transmises lisibles, en une archive zip', 'application/zip', 'Archive zip', [
        workListParameter,
      ]),
    },
    '/api/consoles/campaigns/{id}/reminders': {
      post: operation(
        TAGS,
        'Rappel par courriel aux organismes qui n’ont pas transmis',
        {
          200: object({
            organisations: integer,
            messages: integer,
            withoutRecipient: arrayOf(anyObject),
            skipped: arrayOf(object({ id: integer, name: string, nextAt: string })),
          }),
        },
        [401, 403, 404, 422, 429],
        {
          parameters: [idParameter()],
          requestBody: jsonBody(RemindSchema),
        },
      ),
    },
    '/api/consoles/statements': {
      get: operation(
        TAGS,
        'Recherche des déclarations lisibles par l’utilisateur',
        { 200: object({ total: integer, page: integer, pageSize: integer, items: arrayOf(anyObject) }) },
        [401, 403, 422],
        {
          parameters: searchParameters,
        },
      ),
    },
    '/api/consoles/inbox': {
      get: operation(
        TAGS,
        'Déclarations reçues (préfecture) avec leurs documents',
        { 200: { type: 'object', properties: { items: arrayOf(anyObject) }, required: ['items'] } },
        [401, 403, 422],
        {
          parameters: searchParameters,
        },
      ),
    },
    '/api/consoles/check': {
      post: operation(
        TAGS,
        'Vérifie un paquet en cours d’édition (diagnostics, champs pour la complétion)',
        {
          200: object({
            ok: { type: 'boolean' },
            diagnostics: arrayOf(anyObject),
            fields: arrayOf(anyObject),
            sheets: arrayOf(anyObject),
            dependencies: anyObject,
          }),
        },
        [401, 403, 422],
        {
          requestBody: jsonBody(CheckSchema),
        },
      ),
    },
    '/api/consoles/versions/{id}/impact': {
      get: operation(
        TAGS,
        'Rapport d’impact des règles nouvelles ou modifiées sur les déclarations transmises de l’exercice précédent',
        { 200: anyObject },
        [401, 403, 404],
        {
          parameters: [idParameter()],
        },
      ),
    },
    '/api/consoles/versions/{id}/types.d.ts': {
      get: download('Types TypeScript des réponses de la version (téléchargement)', 'text/plain', 'Fichier .d.ts'),
    },
    '/api/consoles/versions/{id}/schemas.json': {
      get: operation(
        TAGS,
        'Schémas JSON des fiches de la version (téléchargement)',
        { 200: object({ form: string, version: string, exercice: integer, sheets: anyObject }) },
        [401, 403, 404],
        {
          parameters: [idParameter()],
        },
      ),
    },
  },
};
