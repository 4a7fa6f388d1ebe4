import { writeTransactionOptions } from '../audit/log';
import type { Attachment } from '../db/models';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { notFound, unprocessable } from '../http/errors';
import { recordAudit } from '../statements/audit';
import { isEditable, loadStatement } from '../statements/loaded-statement';
import { notEditable } from '../statements/saver';
import { detectKind, MEDIA_TYPES } from './file-types';
import { displayName, FileStore } from './storage';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const fileStore = (state: AppState) => new FileStore(state.config.storageDir);

/**
 * Attaches a file to a draft under one of the manifest's categories. The type is decided by the
 * bytes (a `.pdf` that is really HTML is refused), must be one the category accepts, and the
 * sha256 is kept: the snapshot of a transmission lists it, so the receipt proves which file was sent.
 */
export async function attachFile(
  state: AppState,
  user: Actor,
  statementId: number,
  input: { category: string; clientName: string; bytes: Buffer },
): Promise<Attachment> {
  const loaded = await loadStatement(state, statementId);
  if (!isEditable(loaded.statement)) throw notEditable();
  const category = loaded.runtime.pkg.manifest.attachments.find((c) => c.code === input.category);
  if (!category)
    throw unprocessable(`Catégorie de pièce inconnue : « ${input.category} ».`, {
      categories: loaded.runtime.pkg.manifest.attachments.map((c) => c.code),
    });
  const kind = detectKind(input.bytes);
  if (!kind)
    throw unprocessable(
      'Type de fichier non reconnu : seuls les fichiers PDF, XLSX, ODS et CSV sont acceptés (le contenu est vérifié, pas seulement l’extension).',
    );
  if (!category.accept.includes(kind)) {
    throw unprocessable(
      `Pour « ${category.label} », les formats acceptés sont : ${category.accept.join(', ').toUpperCase()} (fichier reçu : ${kind.toUpperCase()}).`,
    );
  }
  const store = fileStore(state);
  const stored = await store.put(input.bytes);
  try {
    return await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
      const statement = await state.models.Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!statement || !isEditable(statement)) throw notEditable();
      const attachment = await state.models.Attachment.create(
        {
          statementId,
          category: category.code,
          filename: displayName(input.clientName) || 'piece',
          mediaType: MEDIA_TYPES[kind],
          size: stored.size,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
          uploadedBy: user.id,
          deletedAt: null,
          deletedBy: null,
        },
        { transaction },
      );
      await recordAudit(state, transaction, user, 'attachment.add', statementId, {
        attachmentId: attachment.id,
        category: category.code,
        sha256: stored.sha256,
        size: stored.size,
      });
      return attachment;
    });
  } catch (err) {
    await store.remove(stored.storageKey);
    throw err;
  }
}

/** Removes an attachment from a draft. The row is kept (soft delete, audited); the bytes stay, as a past submission may list them. */
export async function detachFile(state: AppState, user: Actor, statementId: number, attachmentId: number): Promise<void> {
  await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const statement = await state.models.Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!statement) throw notFound('Déclaration introuvable.');
    const attachment = await state.models.Attachment.findOne({ where: { id: attachmentId, statementId, deletedAt: null }, transaction });
    if (!attachment) throw notFound('Pièce jointe introuvable.');
    if (!isEditable(statement)) throw notEditable();
    await attachment.update({ deletedAt: new Date(), deletedBy: user.id }, { transaction, fields: ['deletedAt', 'deletedBy'] });
    await recordAudit(state, transaction, user, 'attachment.remove', statementId, { attachmentId, sha256: attachment.sha256 });
  });
}

export function presentAttachment(a: Attachment) {
  return {
    id: a.id,
    category: a.category,
    filename: a.filename,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
  };
}
