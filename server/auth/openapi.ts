import { dateTime, integer, jsonBody, nullable, object, operation, ref, string, type OpenApiFragment } from '../openapi/builder';
import { ROLES } from '../db/models';
import { LoginSchema } from './schema';

const tags = ['Authentification'];

export const authOpenApi: OpenApiFragment = {
  schemas: {
    Me: object({
      user: object({ id: integer, email: string, name: string, role: ref('Role') }),
      organisation: nullable(object({ id: integer, siren: string, name: string, kind: ref('OrganisationKind'), departement: string })),
      federation: nullable(object({ id: integer, code: string, name: string })),
      authority: nullable(ref('Authority')),
      csrfToken: { type: 'string', description: 'À renvoyer dans l’en-tête X-CSRF-Token de toute requête POST, PUT, PATCH ou DELETE.' },
    }),
    Role: { type: 'string', enum: [...ROLES] },
    Instant: dateTime,
  },
  paths: {
    '/api/auth/login': {
      post: operation(
        tags,
        'Se connecter : ouvre une session (cookie) et renvoie le jeton CSRF',
        { 200: ref('Me') },
        [400, 401, 403, 422, 429],
        { requestBody: jsonBody(LoginSchema) },
      ),
    },
    '/api/auth/logout': { post: operation(tags, 'Se déconnecter : la session est invalidée côté serveur', { 204: null }, [403]) },
    '/api/auth/me': { get: operation(tags, 'L’utilisateur connecté, son rattachement et le jeton CSRF', { 200: ref('Me') }, [401]) },
  },
};
