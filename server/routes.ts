import type Router from '@koa/router';
import { auditRoutes } from './audit/routes';
import { authRoutes } from './auth/routes';
import { campaignRoutes } from './campaigns/routes';
import { consoleRoutes } from './consoles/routes';
import type { AppState } from './context';
import { documentRoutes } from './documents/routes';
import { exportRoutes } from './exports/routes';
import { healthRoutes } from './health/routes';
import { openApiRoutes } from './openapi/routes';
import { publishingRoutes } from './publishing/routes';
import { referentialRoutes } from './referential/routes';
import { importRoutes } from './imports/routes';
import { reopeningRoutes } from './reopening/routes';
import { statementRoutes } from './statements/routes';
import { transmissionRoutes } from './transmission/routes';
import { userRoutes } from './users/routes';

/**
 * Every capability's router, in mounting order. Each route declares its policy with
 * `allow(action, loader)` or `publicRoute()` (server/policies): the access-matrix test fails on a
 * route that declares neither.
 */
export function capabilityRouters(state: AppState): Router[] {
  return [
    healthRoutes(state),
    openApiRoutes(state),
    authRoutes(state),
    referentialRoutes(state),
    publishingRoutes(state),
    campaignRoutes(state),
    auditRoutes(state),
    statementRoutes(state),
    documentRoutes(state),
    transmissionRoutes(state),
    reopeningRoutes(state),
    importRoutes(state),
    exportRoutes(state),
    consoleRoutes(state),
    userRoutes(state),
  ];
}

/** Paths whose request body the route reads itself (bigger limits, zip or multipart). */
export const OWN_BODY_PATHS: RegExp[] = [
  /^\/api\/forms\/packages$/,
  // Statement attachments (multipart) and imports (the file itself as the body).
  /^\/api\/statements\/[^/]+\/(attachments|import)$/,
];
