import { Op } from 'sequelize';
import { audit, withAuditLogHeld } from '../audit/log';
import type { AppState } from '../context';
import type { Campaign, Form } from '../db/models';
import type { Actor } from '../policies/actor';
import { createMailer } from './mailer';
import type { Population } from './population';
import { campaignMembers, type ProgressStatus } from './progress';
import { checkSenderCap, ORGANISATION_WINDOW_MS, recentlyReminded, refuseIfAllRecent } from './reminder-limits';

/** Statuses a reminder may target: everyone who has not transmitted. */
export const REMINDABLE: readonly ProgressStatus[] = ['not_started', 'in_progress', 'late'];

/** The users who fill and transmit a statement: the ones a reminder is for. */
const RECIPIENT_ROLES = ['ORG_SAISIE', 'ORG_SIGNATAIRE'] as const;

const dateFr = (d: Date) => d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

function reminderText(
  campaign: Campaign,
  form: Form,
  organisationName: string,
  status: ProgressStatus,
  note: string | undefined,
  sender: string,
): string {
  const situation: Record<ProgressStatus, string> = {
    not_started: 'n’a pas encore été commencée',
    in_progress: 'est en cours de saisie mais n’a pas encore été transmise',
    late: 'n’a pas été transmise alors que la date limite est dépassée',
    transmitted: 'a été transmise',
  };
  return [
    'Bonjour,',
    '',
    `La déclaration « ${form.title} » (exercice ${campaign.exercice}) de ${organisationName} ${situation[status]}.`,
    `Date limite de transmission : ${dateFr(campaign.closesAt)}.`,
    ...(note ? ['', note] : []),
    '',
    'Connectez-vous à Harmonia pour la compléter et la transmettre.',
    '',
    `Message envoyé par ${sender} depuis Harmonia.`,
  ].join('\n');
}

export interface ReminderResult {
  organisations: number;
  messages: number;
  withoutRecipient: Array<{ id: number; name: string }>;
  /** Organisations left out because they were reminded less than 24 hours ago, and when they may be again. */
  skipped: Array<{ id: number; name: string; nextAt: string }>;
}

/**
 * E-mails every filling user of the organisations of the population that have not transmitted
 * (optionally a chosen subset of them), then records one audit entry. The limits are read from the
 * audit log and the entry written while the log is held (`withAuditLogHeld`): of two reminders sent
 * at the same moment, the second sees the first and leaves its organisations out.
 */
export async function sendReminders(
  state: AppState,
  actor: Actor,
  campaign: Campaign,
  form: Form,
  population: Population,
  choice: { organisationIds?: number[]; statuses?: ProgressStatus[]; note?: string },
): Promise<ReminderResult> {
  const now = new Date();
  const statuses = (choice.statuses ?? REMINDABLE).filter((s) => REMINDABLE.includes(s));
  const candidates = (await campaignMembers(state, campaign, population, { organisationIds: choice.organisationIds })).filter((m) =>
    statuses.includes(m.status),
  );
  const users = await state.models.User.findAll({
    where: {
      organisationId: { [Op.in]: candidates.length ? candidates.map((m) => m.organisation.id) : [-1] },
      role: { [Op.in]: [...RECIPIENT_ROLES] },
      disabled: false,
    },
    attributes: ['id', 'email', 'organisationId'],
  });
  const recipientsOf = (organisationId: number) => users.filter((u) => u.organisationId === organisationId);

  const { members, skipped } = await withAuditLogHeld(state, async (transaction) => {
    await checkSenderCap(state, actor, now, transaction);
    const recent = await recentlyReminded(state, campaign, now, transaction);
    const members = candidates.filter((m) => !recent.has(m.organisation.id));
    const skipped = candidates
      .filter((m) => recent.has(m.organisation.id))
      .map((m) => ({ id: m.organisation.id, name: m.organisation.name, remindedAt: recent.get(m.organisation.id)! }));
    refuseIfAllRecent(skipped, members.length, now);
    const reminded = members.filter((m) => recipientsOf(m.organisation.id).length > 0).map((m) => m.organisation.id);
    const messages = reminded.reduce((n, id) => n + recipientsOf(id).length, 0);
    await audit(
      state,
      {
        actor,
        action: 'campaign.remind',
        objectType: 'campaign',
        objectId: campaign.id,
        // `reminded` (those written to) is what the 24-hour limit reads back.
        details: { organisations: members.map((m) => m.organisation.id), reminded, messages },
      },
      transaction,
    );
    return { members, skipped };
  });

  const mailer = createMailer(state.config);
  const subject = `Harmonia — rappel : ${form.title} (exercice ${campaign.exercice})`;
  let messages = 0;
  const withoutRecipient: ReminderResult['withoutRecipient'] = [];
  for (const member of members) {
    const recipients = recipientsOf(member.organisation.id);
    if (recipients.length === 0) withoutRecipient.push({ id: member.organisation.id, name: member.organisation.name });
    for (const user of recipients) {
      await mailer.send({
        to: user.email,
        subject,
        text: reminderText(campaign, form, member.organisation.name, member.status, choice.note, actor.name),
      });
      messages += 1;
    }
  }
  return {
    organisations: members.length,
    messages,
    withoutRecipient,
    skipped: skipped.map((s) => ({
      id: s.id,
      name: s.name,
      nextAt: new Date(s.remindedAt.getTime() + ORGANISATION_WINDOW_MS).toISOString(),
    })),
  };
}
