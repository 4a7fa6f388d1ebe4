import type { Context, Next } from 'koa';
import { z } from 'zod';
import { unprocessable } from './errors';

// Validation messages reach end users: French, once for the whole server.
z.config(z.locales.fr());

/** Where a route's validated input lands: `ctx.state.input`. */
declare module 'koa' {
  interface DefaultState {
    input?: unknown;
  }
}

/** Field-level problems as answered in `error.details`: a JSON-ish path and a French message. */
export const issuesOf = (error: z.ZodError) => error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/**
 * Validates the JSON body against a zod schema (strict objects: unknown keys are refused, which
 * is what stops mass assignment) and leaves the parsed value in `ctx.state.input`.
 */
export function validateBody<S extends z.ZodType>(schema: S) {
  return async function validate(ctx: Context, next: Next) {
    const result = schema.safeParse(ctx.request.body ?? {});
    if (!result.success) throw unprocessable('Certaines valeurs envoyées sont invalides.', issuesOf(result.error));
    ctx.state.input = result.data;
    await next();
  };
}

/** Same for the query string. */
export function validateQuery<S extends z.ZodType>(schema: S) {
  return async function validate(ctx: Context, next: Next) {
    const result = schema.safeParse(ctx.query);
    if (!result.success) throw unprocessable('Certains paramètres de la requête sont invalides.', issuesOf(result.error));
    ctx.state.input = result.data;
    await next();
  };
}

export const inputOf = <T>(ctx: Context) => ctx.state.input as T;
