import Router from '@koa/router';
import type { AppState } from '../context';
import { notFound, unprocessable } from '../http/errors';
import { allow, currentActor } from '../policies/middleware';
import { idParam, loadedStatementOf, statementById } from '../statements/subject';
import { attachFile, detachFile, fileStore, MAX_ATTACHMENT_BYTES, presentAttachment } from './attacher';
import { contentDisposition } from './storage';
import { singleFileUpload } from './upload';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/csv; charset=utf-8': 'csv',
};

/** Attachments of a statement: upload (multipart, this route only), download, delete while draft. */
export function documentRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/statements' });
  const byId = statementById(state);

  router.post('/:id/attachments', allow('statement.edit', byId), singleFileUpload(MAX_ATTACHMENT_BYTES), async function upload(ctx) {
    const upload = ctx.state.upload!;
    const category = upload.fields.category;
    if (typeof category !== 'string' || category === '') throw unprocessable('Indiquez la catégorie de la pièce (champ « category »).');
    const attachment = await attachFile(state, currentActor(ctx), loadedStatementOf(ctx).id, {
      category,
      clientName: upload.clientName,
      bytes: upload.bytes,
    });
    ctx.status = 201;
    ctx.body = presentAttachment(attachment);
  });

  router.get('/:id/attachments/:attachmentId', allow('statement.read', byId), async function download(ctx) {
    const actor = currentActor(ctx);
    const statement = loadedStatementOf(ctx);
    const attachmentId = idParam(ctx, 'attachmentId');
    const attachment =
      attachmentId === null ? null : await state.models.Attachment.findOne({ where: { id: attachmentId, statementId: statement.id } });
    if (!attachment) throw notFound('Pièce jointe introuvable.');
    const own = actor.organisationId === statement.organisationId;
    if (own ? attachment.deletedAt !== null : !(await wasTransmitted(state, statement.id, attachment.id)))
      throw notFound('Pièce jointe introuvable.');
    ctx.set('Content-Disposition', contentDisposition(attachment.filename, EXTENSIONS[attachment.mediaType] ?? 'bin'));
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = attachment.mediaType;
    ctx.body = await fileStore(state).read(attachment.storageKey);
  });

  router.delete('/:id/attachments/:attachmentId', allow('statement.edit', byId), async function remove(ctx) {
    const attachmentId = idParam(ctx, 'attachmentId');
    if (attachmentId === null) throw notFound('Pièce jointe introuvable.');
    await detachFile(state, currentActor(ctx), loadedStatementOf(ctx).id, attachmentId);
    ctx.status = 204;
  });

  return router;
}

/** Recipients only see attachments listed in the statement's latest submission. */
async function wasTransmitted(state: AppState, statementId: number, attachmentId: number): Promise<boolean> {
  const submission = await state.models.Submission.findOne({ where: { statementId }, order: [['number', 'DESC']] });
  const listed = (submission?.snapshot as { attachments?: Array<{ id: number }> } | undefined)?.attachments ?? [];
  return listed.some((a) => a.id === attachmentId);
}
