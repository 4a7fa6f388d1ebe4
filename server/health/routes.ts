import Router from '@koa/router';
import { databaseAnswers } from '../db/connection';
import type { AppState } from '../context';

/** GET /api/health: the version, and whether the database answers (503 when it does not). */
export function healthRoutes(app: AppState): Router {
  const router = new Router();
  router.get('/api/health', async (ctx) => {
    const database = await databaseAnswers(app.sequelize);
    ctx.status = database ? 200 : 503;
    ctx.body = { status: database ? 'ok' : 'degraded', version: app.config.version, database };
  });
  return router;
}
