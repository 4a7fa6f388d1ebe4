import { arrayOf, boolean, integer, nullable, object, operation, ref, string, type OpenApiFragment } from '../openapi/builder';
import { ACCOUNTS_PAGE_SIZE } from './schema';

const tags = ['Comptes'];

export const usersOpenApi: OpenApiFragment = {
  schemas: {
    AccountAttachment: object({
      type: { type: 'string', enum: ['organisation', 'federation', 'authority'] },
      id: integer,
      name: string,
    }),
    Account: object({
      id: integer,
      email: string,
      name: string,
      role: ref('Role'),
      attachment: nullable(ref('AccountAttachment')),
      disabled: boolean,
      secondFactor: { type: 'boolean', description: 'Vrai si une double authentification est activée (le secret n’est jamais renvoyé).' },
      lastLoginAt: nullable(ref('Instant')),
    }),
  },
  paths: {
    '/api/users': {
      get: operation(
        tags,
        `Recherche des comptes par adresse e-mail ou nom (sans distinction de casse), ${ACCOUNTS_PAGE_SIZE} par page, triés par adresse : administrateur de la plateforme uniquement`,
        {
          200: object({
            total: integer,
            page: integer,
            pageSize: { type: 'integer', const: ACCOUNTS_PAGE_SIZE },
            items: arrayOf(ref('Account')),
          }),
        },
        [401, 403, 422],
        {
          parameters: [
            { name: 'q', in: 'query', description: 'Partie de l’adresse e-mail ou du nom', schema: { type: 'string', maxLength: 100 } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          ],
        },
      ),
    },
  },
};
