import {
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
import { OrganisationSchema, OrganisationUpdateSchema, OrganisationUserSchema, UserSchema, UserUpdateSchema } from './schema';

const tags = ['Référentiel'];
const departement = { type: 'string', pattern: '^(\\d{2}|2A|2B|97\\d)$' };

export const referentialOpenApi: OpenApiFragment = {
  schemas: {
    OrganisationKind: { type: 'string', enum: ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC'] },
    Federation: object({ id: integer, code: string, name: string }),
    Authority: object({
      id: integer,
      code: string,
      kind: { type: 'string', enum: ['DHUP', 'PREFECTURE', 'CDC', 'CGLLS', 'ANCOLS'] },
      name: string,
      departement: nullable(string),
    }),
    Organisation: object({
      id: integer,
      siren: { type: 'string', pattern: '^\\d{9}$' },
      name: string,
      kind: ref('OrganisationKind'),
      federationId: nullable(integer),
      departement,
      departements: arrayOf(departement),
    }),
    User: object({
      id: integer,
      email: string,
      name: string,
      role: ref('Role'),
      organisationId: nullable(integer),
      federationId: nullable(integer),
      authorityId: nullable(integer),
      disabled: boolean,
      lastLoginAt: nullable(ref('Instant')),
    }),
  },
  paths: {
    '/api/federations': { get: operation(tags, 'Les fédérations', { 200: object({ federations: arrayOf(ref('Federation')) }) }, [401]) },
    '/api/authorities': {
      get: operation(
        tags,
        'Les autorités (DHUP, préfectures, partenaires)',
        { 200: object({ authorities: arrayOf(ref('Authority')) }) },
        [401],
      ),
    },
    '/api/organisations': {
      get: operation(
        tags,
        'Les organismes de votre périmètre',
        { 200: object({ organisations: arrayOf(ref('Organisation')) }) },
        [401, 422],
        {
          parameters: [
            { name: 'kind', in: 'query', schema: ref('OrganisationKind') },
            { name: 'federationId', in: 'query', schema: integer },
            { name: 'q', in: 'query', schema: string, description: 'Nom (partiel) ou SIREN' },
          ],
        },
      ),
      post: operation(tags, 'Créer un organisme (SIREN contrôlé)', { 201: ref('Organisation') }, [401, 403, 409, 422], {
        requestBody: jsonBody(OrganisationSchema),
      }),
    },
    '/api/organisations/{id}': {
      get: operation(tags, 'Un organisme', { 200: ref('Organisation') }, [401, 404], { parameters: [idParameter()] }),
      patch: operation(tags, 'Modifier un organisme', { 200: ref('Organisation') }, [401, 403, 404, 422], {
        parameters: [idParameter()],
        requestBody: jsonBody(OrganisationUpdateSchema),
      }),
    },
    '/api/organisations/{id}/users': {
      get: operation(tags, 'Les comptes d’un organisme', { 200: object({ users: arrayOf(ref('User')) }) }, [401, 403, 404], {
        parameters: [idParameter()],
      }),
      post: operation(tags, 'Créer un compte dans un organisme', { 201: ref('User') }, [401, 403, 404, 409, 422], {
        parameters: [idParameter()],
        requestBody: jsonBody(OrganisationUserSchema),
      }),
    },
    '/api/users': {
      post: operation(tags, 'Créer un compte (administration de la plateforme)', { 201: ref('User') }, [401, 403, 409, 422], {
        requestBody: jsonBody(UserSchema),
      }),
    },
    '/api/users/{id}': {
      get: operation(tags, 'Un compte', { 200: ref('User') }, [401, 404], { parameters: [idParameter()] }),
      patch: operation(
        tags,
        'Modifier, désactiver un compte ou changer son mot de passe',
        { 200: ref('User') },
        [401, 403, 404, 409, 422],
        {
          parameters: [idParameter()],
          requestBody: jsonBody(UserUpdateSchema),
        },
      ),
    },
  },
};
