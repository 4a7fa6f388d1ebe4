import path from 'node:path';
import Koa from 'koa';
import type { AppState } from './context';
import { healthRoutes } from './health/routes';
import { errorHandler } from './http/error-handler';
import { securityHeaders } from './http/security-headers';
import { serveUi } from './http/static';

/** Assembles middleware and routes. Every /api route is mounted here, behind the error handler. */
export function createApp(state: AppState): Koa {
  const app = new Koa({ proxy: state.config.trustProxy });
  app.silent = true;
  app.use(errorHandler(state.logger));
  app.use(securityHeaders());
  for (const router of [healthRoutes(state)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(serveUi(path.resolve(__dirname, '../ui/dist')));
  return app;
}
