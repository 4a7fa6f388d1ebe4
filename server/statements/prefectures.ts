import { writeTransactionOptions } from '../audit/log';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { unprocessable } from '../http/errors';
import { isEditable, loadStatement } from './loaded-statement';
import { notEditable } from './saver';
import { recordAudit } from './audit';

const DEPARTEMENT = /^(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/**
 * Chooses the préfectures that receive the statement (R. 423-28): the siège's département is
 * mandatory; the others must be départements where a préfecture exists in the referential.
 */
export async function choosePrefectures(state: AppState, user: Actor, statementId: number, departements: string[]): Promise<string[]> {
  const loaded = await loadStatement(state, statementId);
  const chosen = [...new Set(departements.map((d) => d.trim().toUpperCase()))].sort();
  const invalid = chosen.filter((d) => !DEPARTEMENT.test(d));
  if (invalid.length > 0) throw unprocessable(`Département(s) inconnu(s) : ${invalid.join(', ')}.`, { invalid });
  const siege = loaded.organisation.departement;
  if (!chosen.includes(siege)) {
    throw unprocessable(`La préfecture du département du siège (${siege}) doit figurer parmi les destinataires.`, { required: siege });
  }
  const existing = await state.models.Authority.findAll({
    where: { kind: 'PREFECTURE', departement: chosen },
    attributes: ['departement'],
  });
  const covered = new Set(existing.map((a) => a.departement));
  const missing = chosen.filter((d) => !covered.has(d));
  if (missing.length > 0) throw unprocessable(`Aucune préfecture n’est enregistrée pour : ${missing.join(', ')}.`, { missing });

  await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const statement = await state.models.Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!statement || !isEditable(statement)) throw notEditable();
    await statement.update({ prefectures: chosen }, { transaction, fields: ['prefectures'] });
    await recordAudit(state, transaction, user, 'statement.prefectures', statement.id, { departements: chosen });
  });
  return chosen;
}
