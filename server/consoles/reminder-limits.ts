import { Op, type Transaction } from 'sequelize';
import type { AppState } from '../context';
import type { Campaign } from '../db/models';
import { tooMany } from '../http/errors';
import type { Actor } from '../policies/actor';

/** An organisation is reminded at most once per campaign in this window. */
export const ORGANISATION_WINDOW_MS = 24 * 3600_000;
/** A sender sends at most this many reminders (requests) per hour, whatever the campaign. */
export const SENDER_CAP = 10;
export const SENDER_WINDOW_MS = 3600_000;

const when = (d: Date) =>
  d.toLocaleString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  });

/** 429 with the moment it is possible again, in French and as `Retry-After` material in `details`. */
function refused(message: string, retryAt: Date, now: Date) {
  return tooMany(`${message} Nouvelle relance possible à partir du ${when(retryAt)}.`, {
    retryAt: retryAt.toISOString(),
    retryAfter: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
  });
}

/**
 * The sender's cap, read from the audit log (every reminder writes one entry): the log is the
 * record of what was sent, so limits survive restarts and hold across server processes.
 */
export async function checkSenderCap(state: AppState, actor: Actor, now: Date, transaction?: Transaction): Promise<void> {
  const recent = await state.models.AuditEntry.findAll({
    transaction,
    where: { action: 'campaign.remind', actorId: actor.id, at: { [Op.gt]: new Date(now.getTime() - SENDER_WINDOW_MS) } },
    attributes: ['at'],
    order: [['at', 'ASC']],
  });
  if (recent.length < SENDER_CAP) return;
  const retryAt = new Date(recent[recent.length - SENDER_CAP].at.getTime() + SENDER_WINDOW_MS);
  throw refused(`Vous avez envoyé ${SENDER_CAP} relances au cours de la dernière heure.`, retryAt, now);
}

/** When each organisation of the campaign was last reminded within the window (by anyone). */
export async function recentlyReminded(
  state: AppState,
  campaign: Campaign,
  now: Date,
  transaction?: Transaction,
): Promise<Map<number, Date>> {
  const entries = await state.models.AuditEntry.findAll({
    transaction,
    where: {
      action: 'campaign.remind',
      objectType: 'campaign',
      objectId: String(campaign.id),
      at: { [Op.gt]: new Date(now.getTime() - ORGANISATION_WINDOW_MS) },
    },
    attributes: ['at', 'details'],
  });
  const last = new Map<number, Date>();
  for (const entry of entries) {
    const details = entry.details as { reminded?: number[]; organisations?: number[] };
    for (const id of details.reminded ?? details.organisations ?? []) {
      if (!last.has(id) || last.get(id)! < entry.at) last.set(id, entry.at);
    }
  }
  return last;
}

/** Refuses a reminder whose every organisation was reminded less than 24 hours ago. */
export function refuseIfAllRecent(skipped: Array<{ remindedAt: Date }>, remaining: number, now = new Date()): void {
  if (remaining > 0 || skipped.length === 0) return;
  const retryAt = new Date(Math.min(...skipped.map((s) => s.remindedAt.getTime())) + ORGANISATION_WINDOW_MS);
  const who = skipped.length === 1 ? 'Cet organisme a déjà été relancé' : 'Ces organismes ont déjà été relancés';
  throw refused(`${who} pour cette campagne il y a moins de 24 heures.`, retryAt, now);
}
