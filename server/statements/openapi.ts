import { z } from 'zod';
import {
  anyObject,
  arrayOf,
  boolean,
  idParameter,
  integer,
  jsonBody,
  nullable,
  object,
  operation,
  ref,
  string,
  type OpenApiFragment,
  type Schema,
} from '../openapi/builder';
import { TransmitSchema } from '../transmission/schema';
import { JustifySchema, PrefecturesSchema, SaveSheetSchema } from './schema';

const tags = ['Déclarations'];
const instant: Schema = { type: 'string', format: 'date-time' };
const binary = (type: string) => ({ description: 'Fichier', content: { [type]: { schema: { type: 'string', format: 'binary' } } } });
const submission = object({
  number: integer,
  receiptNumber: string,
  revision: integer,
  transmittedAt: instant,
  late: boolean,
  sha256: string,
  replaced: boolean,
  replacedAt: nullable(instant),
  acknowledgedBy: arrayOf(string),
});
const reopenRequest = object({
  id: integer,
  statementId: integer,
  submissionId: integer,
  reason: string,
  status: { type: 'string', enum: ['pending', 'accepted', 'refused'] },
  decisionReason: nullable(string),
  createdAt: instant,
  decidedAt: nullable(instant),
});
const attachment = object({
  id: integer,
  category: string,
  filename: string,
  mediaType: string,
  size: integer,
  sha256: string,
  createdAt: instant,
});
const header = {
  id: integer,
  state: { type: 'string', enum: ['draft', 'transmitted', 'acknowledged', 'reopen_requested', 'reopened'] },
  revision: integer,
  late: boolean,
  transmittedAt: nullable(instant),
  organisation: object({ id: integer, siren: string, name: string, kind: string, departement: string, departements: arrayOf(string) }),
  campaign: object({ id: integer, title: string, exercice: integer, opensAt: instant, closesAt: instant, status: string }),
  form: object({ code: string, title: string, owner: string, version: string, formVersionId: integer }),
  answers: anyObject,
  report: ref('Report'),
  justifications: { type: 'object', additionalProperties: string },
  prefectures: arrayOf(object({ departement: string, name: nullable(string) })),
  submissions: arrayOf(submission),
  reopenRequests: arrayOf(reopenRequest),
};
const idPath = { parameters: [idParameter()] };

/** The statement lifecycle: statements, attachments, transmission and receipts, reopening, import, export. */
export const statementsOpenApi: OpenApiFragment = {
  // `Report` (the engine's report) is described by the publishing fragment (preview).
  schemas: {
    Statement: {
      oneOf: [
        object({
          ...header,
          view: { const: 'draft' },
          context: object(
            {
              organisation: object({ siren: string, name: string, kind: string, departement: string, departements: arrayOf(string) }),
              campaign: object({ exercice: integer, opensAt: instant, closesAt: instant }, ['opensAt', 'closesAt']),
              previous: anyObject,
              otherForms: { type: 'object', additionalProperties: anyObject },
              attachments: { type: 'object', additionalProperties: integer },
            },
            ['previous', 'otherForms', 'attachments'],
          ),
          attachments: arrayOf(attachment),
          history: arrayOf(object({ revision: integer, sheet: nullable(string), userId: nullable(integer), createdAt: instant })),
        }),
        object({ ...header, view: { const: 'transmitted' }, submission, attachments: arrayOf(anyObject) }),
      ],
    },
    Attachment: attachment,
    ReopenRequest: reopenRequest,
  },
  paths: {
    '/api/statements': {
      get: operation(
        tags,
        'Mes déclarations par campagne (organisme), ou les déclarations reçues (destinataires)',
        { 200: object({ items: arrayOf(anyObject) }) },
        [401, 403, 422],
        {
          parameters: [{ name: 'campaign', in: 'query', schema: integer }],
        },
      ),
    },
    '/api/campaigns/{campaignId}/statement': {
      post: operation(
        tags,
        'Ouvrir (initialiser) la déclaration de mon organisme pour une campagne, préremplie depuis N-1',
        { 200: ref('Statement'), 201: ref('Statement') },
        [401, 403, 404, 409],
        {
          parameters: [idParameter('campaignId')],
        },
      ),
    },
    '/api/statements/{id}': {
      get: operation(
        tags,
        'Une déclaration : brouillon pour l’organisme, contenu transmis pour un destinataire (lecture journalisée)',
        { 200: ref('Statement') },
        [401, 404],
        idPath,
      ),
    },
    '/api/statements/{id}/sheets/{sheet}': {
      put: operation(
        tags,
        'Enregistrer une feuille depuis une révision (409 si elle a changé)',
        { 200: object({ revision: integer, report: ref('Report') }) },
        [401, 403, 404, 409, 422],
        {
          parameters: [
            idParameter(),
            { name: 'sheet', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,15}$' } },
          ],
          requestBody: jsonBody(SaveSheetSchema),
        },
      ),
    },
    '/api/statements/{id}/justifications/{key}': {
      put: operation(
        tags,
        'Justifier une alerte (clé `règle` ou `règle#ligne` ; texte vide : retirer)',
        { 200: object({ justifications: anyObject, report: ref('Report') }) },
        [401, 403, 404, 409, 422],
        {
          parameters: [idParameter(), { name: 'key', in: 'path', required: true, schema: string }],
          requestBody: jsonBody(JustifySchema),
        },
      ),
    },
    '/api/statements/{id}/prefectures': {
      put: operation(
        tags,
        'Choisir les préfectures destinataires (celle du siège est obligatoire)',
        { 200: object({ prefectures: arrayOf(string) }) },
        [401, 403, 404, 409, 422],
        {
          ...idPath,
          requestBody: jsonBody(PrefecturesSchema),
        },
      ),
    },
    '/api/statements/{id}/attachments': {
      post: operation(
        tags,
        'Joindre une pièce (multipart : champs « category » et « file » ; PDF, XLSX, ODS, CSV ; 20 Mo)',
        { 201: ref('Attachment') },
        [401, 403, 404, 409, 413, 415, 422],
        {
          ...idPath,
          requestBody: {
            required: true,
            content: { 'multipart/form-data': { schema: object({ category: string, file: { type: 'string', format: 'binary' } }) } },
          },
        },
      ),
    },
    '/api/statements/{id}/attachments/{attachmentId}': {
      get: {
        ...operation(tags, 'Télécharger une pièce (Content-Disposition: attachment)', {}, [401, 404], {
          parameters: [idParameter(), idParameter('attachmentId')],
        }),
        responses: { 200: binary('application/octet-stream') },
      },
      delete: operation(tags, 'Retirer une pièce d’un brouillon', { 204: null }, [401, 403, 404, 409], {
        parameters: [idParameter(), idParameter('attachmentId')],
      }),
    },
    '/api/statements/{id}/transmit': {
      post: operation(
        tags,
        'Transmettre (signataire) : tous les contrôles sont rejoués ; 422 avec la liste des motifs',
        {
          201: object({
            statementId: integer,
            number: integer,
            receiptNumber: string,
            sha256: string,
            revision: integer,
            transmittedAt: instant,
            late: boolean,
            receipt: object({ html: string, pdf: string }),
          }),
        },
        [401, 403, 404, 409, 422],
        { ...idPath, requestBody: jsonBody(TransmitSchema) },
      ),
    },
    '/api/statements/{id}/receipt.html': {
      get: {
        ...operation(tags, 'Récépissé (HTML)', {}, [401, 404], {
          parameters: [idParameter(), { name: 'number', in: 'query', schema: integer }],
        }),
        responses: { 200: binary('text/html') },
      },
    },
    '/api/statements/{id}/receipt.pdf': {
      get: {
        ...operation(tags, 'Récépissé (PDF)', {}, [401, 404], {
          parameters: [idParameter(), { name: 'number', in: 'query', schema: integer }],
        }),
        responses: { 200: binary('application/pdf') },
      },
    },
    '/api/statements/{id}/acknowledge': {
      post: operation(
        tags,
        'Accuser réception (destinataire)',
        { 200: object({ submissionId: integer, recipient: string, acknowledgedAt: instant }) },
        [401, 403, 404, 409],
        idPath,
      ),
    },
    '/api/statements/{id}/reopen-requests': {
      post: operation(
        tags,
        'Demander la réouverture (signataire, motif obligatoire)',
        { 201: ref('ReopenRequest') },
        [401, 403, 404, 409, 422],
        {
          ...idPath,
          requestBody: jsonBody(z.strictObject({ reason: z.string() })),
        },
      ),
    },
    '/api/reopen-requests': {
      get: operation(
        tags,
        'Demandes de réouverture que je peux traiter',
        { 200: object({ items: arrayOf(ref('ReopenRequest')) }) },
        [401, 403],
      ),
    },
    '/api/reopen-requests/{requestId}/decision': {
      post: operation(
        tags,
        'Accepter ou refuser une réouverture (DHUP pour les ER, fédération pour ses questionnaires)',
        { 200: ref('ReopenRequest') },
        [401, 403, 404, 409, 422],
        {
          parameters: [idParameter('requestId')],
          requestBody: jsonBody(z.strictObject({ accept: z.boolean(), reason: z.string().optional() })),
        },
      ),
    },
    '/api/statements/{id}/import': {
      post: operation(
        tags,
        'Importer un fichier (JSON, CSV `feuille;code;ligne;valeur`, XLSX) comme une nouvelle révision : tout ou rien',
        { 200: object({ format: string, cells: integer, revision: integer, report: ref('Report') }) },
        [401, 403, 404, 409, 413, 422],
        {
          parameters: [idParameter(), { name: 'baseRevision', in: 'query', required: true, schema: integer }],
          requestBody: {
            required: true,
            content: {
              'text/csv': { schema: string },
              'application/json': { schema: anyObject },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            },
          },
        },
      ),
    },
    '/api/campaigns/{campaignId}/export': {
      get: {
        ...operation(
          tags,
          'Exporter les déclarations transmises d’une campagne (CSV UTF-8 avec BOM « ; » ou XLSX ; large ou long)',
          {},
          [401, 403, 404, 422],
          {
            parameters: [
              idParameter('campaignId'),
              { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'] } },
              { name: 'layout', in: 'query', schema: { type: 'string', enum: ['wide', 'long'] } },
              {
                name: 'workList',
                in: 'query',
                description: 'Seulement les organismes de cette liste de travail (de l’autorité de l’utilisateur)',
                schema: { type: 'integer', minimum: 1 },
              },
            ],
          },
        ),
        responses: { 200: binary('text/csv') },
      },
    },
  },
};
