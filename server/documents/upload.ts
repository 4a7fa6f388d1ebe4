import fs from 'node:fs/promises';
import type { Context, Next } from 'koa';
import { koaBody } from 'koa-body';
import { ApiError, badRequest } from '../http/errors';

const tooLarge = (limit: number) =>
  new ApiError(413, 'too_large', `Le fichier dépasse la taille maximale autorisée (${Math.round(limit / 1024 / 1024)} Mo).`);

/**
 * Multipart parsing for one upload route: a single file and a few small fields, the size limit
 * enforced while streaming (and from Content-Length before reading anything). The temporary file
 * is read into memory (bounded by the limit) and removed; the client's file name is kept as text
 * only, never used as a path.
 */
export function singleFileUpload(limit: number) {
  const parse = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: {
      maxFiles: 1,
      maxFileSize: limit,
      maxTotalFileSize: limit,
      maxFields: 5,
      maxFieldsSize: 16 * 1024,
      allowEmptyFiles: false,
      keepExtensions: false,
    },
    onError(err) {
      const e = err as { httpCode?: number; code?: number };
      if (e.httpCode === 413 || e.code === 1009 || e.code === 1016) throw tooLarge(limit);
      throw badRequest('Envoi de fichier invalide : utilisez un formulaire multipart avec un seul fichier.');
    },
  });
  return async function receiveFile(ctx: Context, next: Next) {
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > limit + 64 * 1024) throw tooLarge(limit);
    if (!ctx.request.is('multipart'))
      throw new ApiError(415, 'unsupported_media_type', 'Envoyez le fichier en multipart/form-data (champ « file »).');
    await parse(ctx, async () => {});
    const files = ctx.request.files ?? {};
    const entry = files.file;
    const file = Array.isArray(entry) ? entry[0] : entry;
    try {
      if (!file) throw badRequest('Aucun fichier reçu : le champ « file » est obligatoire.');
      if (file.size > limit) throw tooLarge(limit);
      ctx.state.upload = {
        bytes: await fs.readFile(file.filepath),
        clientName: file.originalFilename ?? '',
        fields: (ctx.request.body ?? {}) as Record<string, unknown>,
      };
    } finally {
      for (const value of Object.values(files))
        for (const f of Array.isArray(value) ? value : [value]) await fs.rm(f.filepath, { force: true });
    }
    await next();
  };
}

declare module 'koa' {
  interface DefaultState {
    upload?: { bytes: Buffer; clientName: string; fields: Record<string, unknown> };
  }
}
