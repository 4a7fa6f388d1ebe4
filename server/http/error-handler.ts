import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { ApiError } from './errors';

/**
 * Turns every error into `{ error: { code, message, details } }` with a French message.
 * Unexpected errors are logged and answered as a generic 500: never a stack trace.
 */
export function errorHandler(logger: Logger): Middleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new ApiError(404, 'not_found', 'Adresse inconnue.');
      }
    } catch (raw) {
      const err = toApiError(raw);
      if (err.status >= 500) logger.error({ err: raw, path: ctx.path }, 'request failed');
      ctx.status = err.status;
      ctx.body = { error: { code: err.code, message: err.message, details: err.details } };
      if (err.status === 429 && isRetryAfter(err.details)) ctx.set('Retry-After', String(err.details.retryAfter));
    }
  };
}

function isRetryAfter(details: unknown): details is { retryAfter: number } {
  return typeof details === 'object' && details !== null && 'retryAfter' in details;
}

function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  const e = raw as { status?: number; expose?: boolean; message?: string; type?: string };
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 413) return new ApiError(413, 'too_large', 'Le contenu envoyé est trop volumineux.');
    if (e.status === 415) return new ApiError(415, 'unsupported_media_type', 'Type de contenu non accepté.');
    if (e.type === 'entity.parse.failed' || e.status === 400)
      return new ApiError(400, 'bad_request', 'Requête invalide : le corps n’est pas un JSON valide.');
    return new ApiError(e.status, 'bad_request', 'Requête invalide.');
  }
  return new ApiError(500, 'internal', 'Une erreur interne est survenue. Réessayez ; si elle persiste, contactez le support.');
}
