import { boolean, object, operation, string, type OpenApiFragment } from './builder';

/** The foundation's routes: health and this document. */
export const healthOpenApi: OpenApiFragment = {
  paths: {
    '/api/health': {
      get: {
        ...operation(
          ['Service'],
          'État du service et de la base de données',
          { 200: object({ status: string, version: string, database: boolean }) },
          [],
        ),
      },
    },
    '/api/openapi.json': { get: operation(['Service'], 'Ce document (OpenAPI 3.1)', { 200: { type: 'object' } }, []) },
  },
};
