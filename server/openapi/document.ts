import { commonSchemas } from './common';
import type { OpenApiFragment } from './builder';
import { FRAGMENTS } from './fragments';

/** The OpenAPI 3.1 document, assembled from the capabilities' fragments. Two fragments may not describe the same operation. */
export function openApiDocument(version: string, fragments: OpenApiFragment[] = FRAGMENTS) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(fragment.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (paths[path]?.[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} described twice`);
        (paths[path] ??= {})[method] = operation;
      }
    }
    for (const [name, schema] of Object.entries(fragment.schemas ?? {})) {
      if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(schema))
        throw new Error(`OpenAPI: schema ${name} defined twice differently`);
      schemas[name] = schema;
    }
  }
  // Common schemas are defaults: a capability may describe one precisely (the statements describe Report).
  for (const [name, schema] of Object.entries(commonSchemas)) schemas[name] ??= schema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Harmonia',
      version,
      description:
        'API JSON de Harmonia. Session par cookie (httpOnly) ouverte par POST /api/auth/login ; toute requête POST, PUT, PATCH ou DELETE porte l’en-tête X-CSRF-Token reçu à la connexion. Erreurs : { "error": { "code", "message", "details" } }, messages en français.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'harmonia', description: '`__Host-harmonia` derrière TLS' } },
    },
    security: [{ session: [] }],
    paths,
  };
}
