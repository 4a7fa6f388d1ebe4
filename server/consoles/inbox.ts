import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { Actor } from '../policies/actor';
import { searchStatements, type StatementSearch } from './search';

/**
 * The préfecture's inbox (and any recipient's): transmitted statements it may read, with why it
 * receives each one (registered office in its département, or chosen by the organisation) and the
 * documents transmitted with the current submission, ready for download.
 */
export async function inbox(state: AppState, actor: Actor, search: StatementSearch) {
  const page = await searchStatements(state, actor, search);
  const submissionIds = page.items.map((i) => i.submission?.id).filter((id): id is number => id !== undefined);
  const submissions = await state.models.Submission.findAll({
    where: { id: { [Op.in]: submissionIds.length ? submissionIds : [-1] } },
    attributes: ['id', 'snapshot'],
  });
  const documentsOf = (submissionId: number | undefined) => {
    const snapshot = submissions.find((s) => s.id === submissionId)?.snapshot as
      { attachments?: Array<{ id: number; category: string; filename: string; mediaType: string; size: number }> } | undefined;
    return (snapshot?.attachments ?? []).map((a) => ({
      id: a.id,
      category: a.category,
      filename: a.filename,
      mediaType: a.mediaType,
      size: a.size,
    }));
  };
  const departement = actor.authorityDepartement;
  return {
    ...page,
    departement,
    items: page.items.map((item) => ({
      ...item,
      reason: departement === null ? null : item.organisation.departement === departement ? 'siege' : 'choisie',
      documents: documentsOf(item.submission?.id),
    })),
  };
}
