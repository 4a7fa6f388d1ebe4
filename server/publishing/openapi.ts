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
} from '../openapi/builder';
import { PreviewSchema, RulePatchSchema } from './schema';

const tags = ['Publication des formulaires'];
const severity = { type: 'string', enum: ['blocking', 'warning', 'info'] };

const formVersion = {
  id: integer,
  form: object({ id: integer, code: string, owner: string, title: string }),
  version: string,
  patchNumber: integer,
  label: { type: 'string', description: '`2025.1`, ou `2025.1.2` pour le 2e correctif de règles' },
  exercice: integer,
  status: { type: 'string', enum: ['draft', 'published'] },
  contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  followsId: nullable(integer),
  patchesId: nullable(integer),
  patch: nullable(anyObject),
  publishedAt: nullable(ref('Instant')),
  createdAt: ref('Instant'),
};

const bundle = object({ format: { const: 'harmonia-form-package@1' }, files: { type: 'object', additionalProperties: string } });

export const publishingOpenApi: OpenApiFragment = {
  schemas: {
    FormVersion: object(formVersion),
    FormVersionDetail: object({
      ...formVersion,
      audience: arrayOf(ref('OrganisationKind')),
      sheets: arrayOf(object({ id: string, title: string, sharedFrom: nullable(object({ form: string, version: string })) })),
      attachments: arrayOf({
        type: 'object',
        properties: { code: string, label: string, accept: arrayOf(string) },
        required: ['code', 'label'],
      }),
      rules: arrayOf(object({ id: string, kind: string, severity: nullable(severity), active: boolean, title: nullable(string) })),
    }),
    PackageBundle: bundle,
  },
  paths: {
    '/api/forms': {
      get: operation(
        tags,
        'Les formulaires et leurs versions visibles (brouillons : éditeurs du propriétaire)',
        {
          200: object({
            forms: arrayOf(object({ id: integer, code: string, owner: string, title: string, versions: arrayOf(ref('FormVersion')) })),
          }),
        },
        [401],
      ),
    },
    '/api/forms/packages': {
      post: operation(
        tags,
        'Déposer un paquet (bundle JSON ou zip) : vérifié par le moteur, enregistré en brouillon',
        { 201: ref('FormVersion') },
        [401, 403, 409, 413, 415, 422],
        {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('PackageBundle') },
              'application/zip': { schema: { type: 'string', format: 'binary' } },
            },
          },
        },
      ),
    },
    '/api/forms/versions/{id}': {
      get: operation(tags, 'Une version : feuillets, règles, pièces', { 200: ref('FormVersionDetail') }, [401, 404], {
        parameters: [idParameter()],
      }),
    },
    '/api/forms/versions/{id}/package': {
      get: operation(tags, 'Le paquet d’une version (bundle)', { 200: ref('PackageBundle') }, [401, 404], { parameters: [idParameter()] }),
    },
    '/api/forms/versions/{id}/preview': {
      post: operation(
        tags,
        'Aperçu : erreurs de structure et rapport du moteur sur des réponses d’essai',
        { 200: object({ errors: arrayOf(anyObject), report: ref('Report') }) },
        [401, 403, 404, 422],
        {
          parameters: [idParameter()],
          requestBody: jsonBody(PreviewSchema),
        },
      ),
    },
    '/api/forms/versions/{id}/diff': {
      get: operation(
        tags,
        'Ce qui change par rapport à la version suivie (ou corrigée)',
        { 200: object({ from: nullable(ref('FormVersion')), changes: arrayOf(anyObject) }) },
        [401, 404],
        {
          parameters: [idParameter()],
        },
      ),
    },
    '/api/forms/versions/{id}/publish': {
      post: operation(tags, 'Publier un brouillon (immuable ensuite)', { 200: ref('FormVersion') }, [401, 403, 404, 409, 422], {
        parameters: [idParameter()],
      }),
    },
    '/api/forms/versions/{id}/patches': {
      post: operation(
        tags,
        'Correctif de règles (désactiver, changer la sévérité) : nouvelle version mineure ; les brouillons y passent',
        {
          201: object({ ...formVersion, movedStatements: integer }),
        },
        [401, 403, 404, 409, 422],
        { parameters: [idParameter()], requestBody: jsonBody(RulePatchSchema) },
      ),
    },
  },
};
