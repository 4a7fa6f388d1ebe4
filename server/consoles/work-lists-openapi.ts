import {
  arrayOf,
  dateTime,
  idParameter,
  integer,
  jsonBody,
  object,
  operation,
  string,
  type OpenApiFragment,
  type Schema,
} from '../openapi/builder';
import { AddOrganisationsSchema, WorkListNameSchema } from './schema';

const TAGS = ['Consoles'];
const organisation = object({ id: integer, siren: string, name: string, kind: string, departement: string });
const summary = object({ id: integer, name: string, size: integer, updatedAt: dateTime });
const workList = object({ id: integer, name: string, size: integer, updatedAt: dateTime, organisations: arrayOf(organisation) });
const added = object({ added: integer, alreadyInList: integer, size: integer });
const csvBody = {
  required: true,
  content: {
    'text/csv': { schema: { type: 'string', description: 'Un SIREN par ligne (1re colonne), en-tête facultatif, « ; » ou « , », UTF-8' } },
  },
};

/** The `workList` query parameter of the search, the follow-up and the receipts archive. */
export const workListParameter = {
  name: 'workList',
  in: 'query',
  required: false,
  schema: { type: 'integer', minimum: 1 } as Schema,
  description: 'Limite aux organismes d’une liste de travail de votre autorité',
};

/** The work lists' routes (server/consoles/work-list-routes.ts). */
export const workListsOpenApi: OpenApiFragment['paths'] = {
  '/api/consoles/work-lists': {
    get: operation(TAGS, 'Listes de travail de votre autorité', { 200: object({ items: arrayOf(summary) }) }, [401, 403]),
    post: operation(TAGS, 'Crée une liste de travail', { 201: workList }, [401, 403, 409, 422], {
      requestBody: jsonBody(WorkListNameSchema),
    }),
  },
  '/api/consoles/work-lists/{id}': {
    get: operation(TAGS, 'Une liste de travail et ses organismes', { 200: workList }, [401, 404], { parameters: [idParameter()] }),
    patch: operation(TAGS, 'Renomme une liste de travail', { 200: workList }, [401, 404, 409, 422], {
      parameters: [idParameter()],
      requestBody: jsonBody(WorkListNameSchema),
    }),
    delete: operation(TAGS, 'Supprime une liste de travail', { 204: null }, [401, 404], { parameters: [idParameter()] }),
  },
  '/api/consoles/work-lists/{id}/organisations': {
    post: operation(TAGS, 'Ajoute des organismes (choisis dans les résultats de recherche)', { 200: added }, [401, 404, 422], {
      parameters: [idParameter()],
      requestBody: jsonBody(AddOrganisationsSchema),
    }),
  },
  '/api/consoles/work-lists/{id}/organisations/{organisationId}': {
    delete: operation(TAGS, 'Retire un organisme de la liste', { 204: null }, [401, 404], {
      parameters: [idParameter(), idParameter('organisationId')],
    }),
  },
  '/api/consoles/work-lists/{id}/import': {
    post: operation(
      TAGS,
      'Importe une liste de SIREN (CSV) : tout ou rien, erreurs ligne par ligne',
      { 200: object({ lines: integer, added: integer, alreadyInList: integer, size: integer }) },
      [401, 404, 413, 415, 422],
      { parameters: [idParameter()], requestBody: csvBody },
    ),
  },
};
