import Router from '@koa/router';
import { z } from 'zod';
import type { Context } from 'koa';
import type { AppState } from '../context';
import { ApiError } from '../http/errors';
import { inputOf, validateQuery } from '../http/validate';
import { allow, currentActor } from '../policies/middleware';
import { bundleOf, statementById } from '../statements/subject';
import { problemsOnly } from '../statements/report-view';
import { importFile, MAX_IMPORT_BYTES } from './importer';

const ImportQuerySchema = z.strictObject({ baseRevision: z.coerce.number().int().min(0) });

/** The request body as bytes, refused (413) as soon as it exceeds the limit. */
async function rawBody(ctx: Context, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(413, 'too_large', `Le fichier dépasse la taille maximale autorisée pour un import (${limit / 1024 / 1024} Mo).`);
  if (Number(ctx.get('Content-Length') || 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /api/statements/:id/import?baseRevision=n with the file as the request body (JSON, CSV or
 * XLSX, recognised by content). All or nothing: a file with any error changes nothing.
 */
export function importRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/statements' });
  router.post(
    '/:id/import',
    allow('statement.edit', statementById(state)),
    validateQuery(ImportQuerySchema),
    async function importStatement(ctx) {
      const { baseRevision } = inputOf<z.infer<typeof ImportQuerySchema>>(ctx);
      const bytes = await rawBody(ctx, MAX_IMPORT_BYTES);
      const result = await importFile(state, currentActor(ctx), bundleOf(ctx), baseRevision, bytes);
      ctx.body = { format: result.format, cells: result.cells, revision: result.revision, report: problemsOnly(result.report) };
    },
  );
  return router;
}
