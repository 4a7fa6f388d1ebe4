import { anyObject, arrayOf, boolean, integer, nullable, object, operation, ref, string, type OpenApiFragment } from '../openapi/builder';

const tags = ['Journal d’audit'];

export const auditOpenApi: OpenApiFragment = {
  schemas: {
    AuditEntry: object({
      seq: integer,
      at: ref('Instant'),
      actorId: nullable(integer),
      actor: nullable(string),
      action: string,
      objectType: string,
      objectId: nullable(string),
      details: anyObject,
      hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    }),
  },
  paths: {
    '/api/audit': {
      get: operation(
        tags,
        'Les entrées du journal, des plus récentes aux plus anciennes',
        { 200: object({ entries: arrayOf(ref('AuditEntry')) }) },
        [401, 403, 422],
        {
          parameters: [
            { name: 'objectType', in: 'query', schema: string },
            { name: 'objectId', in: 'query', schema: string },
            { name: 'actorId', in: 'query', schema: integer },
            { name: 'before', in: 'query', schema: integer },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
        },
      ),
    },
    '/api/audit/verify': {
      get: operation(
        tags,
        'Vérifie toute la chaîne de hachage du journal',
        {
          200: {
            type: 'object',
            properties: { ok: boolean, count: integer, seq: integer, reason: { type: 'string', enum: ['hash', 'link', 'gap', 'head'] } },
            required: ['ok', 'count'],
            additionalProperties: false,
          },
        },
        [401, 403],
      ),
    },
  },
};
