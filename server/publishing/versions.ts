import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { conflict } from '../http/errors';
import type { AppState } from '../context';
import type { Form, FormVersion } from '../db/models';

/** `2025.1` for an uploaded version, `2025.1.2` for its second rule patch. */
export const versionLabel = (v: Pick<FormVersion, 'version' | 'patchNumber'>) =>
  v.patchNumber ? `${v.version}.${v.patchNumber}` : v.version;

export function presentVersion(version: FormVersion, form: Form) {
  return {
    id: version.id,
    form: { id: form.id, code: form.code, owner: form.owner, title: form.title },
    version: version.version,
    patchNumber: version.patchNumber,
    label: versionLabel(version),
    exercice: version.exercice,
    status: version.status,
    contentHash: version.contentHash,
    followsId: version.followsId,
    patchesId: version.patchesId,
    patch: version.patch,
    publishedAt: version.publishedAt ? version.publishedAt.toISOString() : null,
    createdAt: version.createdAt.toISOString(),
  };
}

/** Every stored version (all patches) of the same `form@version` as this one. */
export async function siblingVersionIds(
  state: AppState,
  version: Pick<FormVersion, 'formId' | 'version'>,
  transaction?: Transaction,
): Promise<number[]> {
  const rows = await state.models.FormVersion.findAll({
    where: { formId: version.formId, version: version.version, status: 'published' },
    attributes: ['id'],
    transaction,
  });
  return rows.map((r) => r.id);
}

/** Statement states that are still being filled: the only ones a rule patch moves to the new version. */
export const OPEN_STATEMENT_STATES = ['draft', 'reopened'] as const;

/**
 * Moves the open statements (draft, reopened) of some versions to another version. Transmitted
 * statements never move: their submissions keep the version they were checked against.
 */
export async function moveOpenStatements(
  state: AppState,
  fromVersionIds: number[],
  toVersionId: number,
  transaction?: Transaction,
): Promise<number> {
  const [count] = await state.models.Statement.update(
    { formVersionId: toVersionId },
    { where: { formVersionId: { [Op.in]: fromVersionIds }, state: { [Op.in]: [...OPEN_STATEMENT_STATES] } }, transaction },
  );
  return count;
}

/** A unique index beat us to it (two editors at once): answer 409 rather than 500. */
export async function orConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof UniqueConstraintError)
      throw conflict('Une autre publication de ce formulaire vient d’avoir lieu : rechargez et recommencez.');
    throw err;
  }
}
