import { writeTransactionOptions } from '../audit/log';
import type { Justifications, Report } from '../../engine/api';

import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { conflict, notFound, unprocessable } from '../http/errors';
import { isEditable, loadStatement } from './loaded-statement';
import { notEditable } from './saver';
import { recordAudit } from './audit';

const KEY = /^([A-Za-z][A-Za-z0-9_.-]{0,63})(?:#(\d{1,5}))?$/;
export const MAX_JUSTIFICATION = 2000;

/**
 * Sets (or, with an empty text, removes) the written justification of a failing warning, keyed
 * `ruleId` or `ruleId#row`. The statement row is locked while the map is rewritten, so two
 * justifications written at once on different rules are both kept; when the client says which
 * text it replaces (`previous`), a text changed by someone else meanwhile is a 409 with the
 * current text, never overwritten.
 */
export async function justify(
  state: AppState,
  user: Actor,
  statementId: number,
  key: string,
  text: string,
  previous?: string | null,
): Promise<{ justifications: Justifications; report: Report }> {
  const loaded = await loadStatement(state, statementId);
  const match = KEY.exec(key);
  const rule = match ? loaded.runtime.pkg.rules.find((r) => r.id === match[1]) : undefined;
  if (!match || !rule) throw notFound(`Le contrôle « ${key} » n’existe pas dans ce formulaire.`);
  const trimmed = text.trim();
  if (trimmed.length > MAX_JUSTIFICATION) throw unprocessable(`La justification ne doit pas dépasser ${MAX_JUSTIFICATION} caractères.`);

  const justifications = await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const statement = await state.models.Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!statement || !isEditable(statement)) throw notEditable();
    const current = statement.justifications[key] ?? null;
    if (previous !== undefined && previous !== current && trimmed !== (current ?? ''))
      throw conflict('Cette justification a été modifiée entre-temps par un collègue : relisez-la avant de l’enregistrer.', {
        key,
        current,
      });
    const next: Justifications = { ...statement.justifications };
    if (trimmed === '') delete next[key];
    else next[key] = trimmed;
    await statement.update({ justifications: next }, { transaction, fields: ['justifications'] });
    await recordAudit(state, transaction, user, trimmed === '' ? 'statement.unjustify' : 'statement.justify', statement.id, { key });
    return next;
  });
  loaded.statement.justifications = justifications;
  return { justifications, report: await state.evaluations.check(state, loaded) };
}
