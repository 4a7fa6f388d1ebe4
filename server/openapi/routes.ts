import Router from '@koa/router';
import type { AppState } from '../context';
import { publicRoute } from '../policies';
import { openApiDocument } from './document';

/** GET /api/openapi.json: the HTTP contract the ui and other clients program against. */
export function openApiRoutes(state: AppState): Router {
  const router = new Router();
  const document = openApiDocument(state.config.version);
  router.get('/api/openapi.json', publicRoute(), async function serveOpenApi(ctx) {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = document;
  });
  return router;
}
