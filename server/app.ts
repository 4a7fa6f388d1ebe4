import path from 'node:path';
import Koa from 'koa';
import { authenticate, csrfProtection } from './auth/middleware';
import type { AppState } from './context';
import { jsonBody } from './http/body';
import { errorHandler } from './http/error-handler';
import { securityHeaders } from './http/security-headers';
import { serveUi } from './http/static';
import { OWN_BODY_PATHS, capabilityRouters } from './routes';

/** Assembles middleware and routes. Every /api route is mounted here, behind the error handler. */
export function createApp(state: AppState): Koa {
  const app = new Koa({ proxy: state.config.trustProxy });
  app.silent = true;
  app.use(errorHandler(state.logger));
  app.use(securityHeaders());
  app.use(jsonBody({ limit: '2mb', skip: (ctx) => OWN_BODY_PATHS.some((p) => p.test(ctx.path)) }));
  app.use(authenticate(state));
  app.use(csrfProtection());
  for (const router of capabilityRouters(state)) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(serveUi(path.resolve(__dirname, '../ui/dist')));
  return app;
}
