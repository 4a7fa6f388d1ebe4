import { Op } from 'sequelize';
import type { EvaluationContext, Justifications, Report } from '../../engine/api';
import type { Submission } from '../db/models';
import type { AppState } from '../context';
import { presentAttachment } from '../documents/attacher';
import { presentReopenRequest } from '../reopening/reopener';
import type { LoadedStatement } from './loaded-statement';

const HISTORY_LIMIT = 100;

function presentSubmission(s: Submission, acknowledgedBy: string[]) {
  return {
    number: s.number,
    receiptNumber: s.receiptNumber,
    revision: s.revision,
    transmittedAt: s.transmittedAt.toISOString(),
    late: s.late,
    sha256: s.sha256,
    replaced: s.replacedBy !== null,
    replacedAt: s.replacedAt ? s.replacedAt.toISOString() : null,
    acknowledgedBy,
  };
}

function presentHeader(loaded: LoadedStatement) {
  const { statement, organisation, campaign, formVersion, form } = loaded;
  return {
    id: statement.id,
    state: statement.state,
    revision: statement.revision,
    late: statement.late,
    transmittedAt: statement.transmittedAt ? statement.transmittedAt.toISOString() : null,
    organisation: {
      id: organisation.id,
      siren: organisation.siren,
      name: organisation.name,
      kind: organisation.kind,
      departement: organisation.departement,
      departements: organisation.departements,
    },
    campaign: {
      id: campaign.id,
      title: campaign.title,
      exercice: campaign.exercice,
      opensAt: campaign.opensAt.toISOString(),
      closesAt: campaign.closesAt.toISOString(),
      status: campaign.status,
    },
    form: { code: form.code, title: form.title, owner: form.owner, version: formVersion.version, formVersionId: formVersion.id },
  };
}

async function prefectureNames(state: AppState, departements: string[]) {
  const authorities = await state.models.Authority.findAll({
    where: { kind: 'PREFECTURE', departement: departements },
    attributes: ['name', 'departement'],
  });
  const names = new Map(authorities.map((a) => [a.departement, a.name]));
  return departements.map((departement) => ({ departement, name: names.get(departement) ?? null }));
}

async function submissionsOf(state: AppState, statementId: number) {
  const submissions = await state.models.Submission.findAll({
    where: { statementId },
    order: [['number', 'DESC']],
    attributes: { exclude: ['snapshot'] },
  });
  const acks = submissions.length
    ? await state.models.Acknowledgement.findAll({ where: { submissionId: { [Op.in]: submissions.map((s) => s.id) } } })
    : [];
  return submissions.map((s) =>
    presentSubmission(
      s,
      acks.filter((a) => a.submissionId === s.id).map((a) => a.recipient),
    ),
  );
}

/** The organisation's own view: the working draft, its report, history and transmissions. */
export async function presentOwnStatement(
  state: AppState,
  loaded: LoadedStatement,
  { report, context }: { report: Report; context: EvaluationContext },
) {
  const { statement } = loaded;
  const [attachments, history, submissions, reopenRequests, prefectures] = await Promise.all([
    state.models.Attachment.findAll({ where: { statementId: statement.id, deletedAt: null }, order: [['id', 'ASC']] }),
    state.models.StatementRevision.findAll({
      where: { statementId: statement.id },
      order: [['revision', 'DESC']],
      limit: HISTORY_LIMIT,
      attributes: ['revision', 'sheet', 'userId', 'createdAt'],
    }),
    submissionsOf(state, statement.id),
    state.models.ReopenRequest.findAll({ where: { statementId: statement.id }, order: [['id', 'DESC']] }),
    prefectureNames(state, statement.prefectures),
  ]);
  return {
    ...presentHeader(loaded),
    view: 'draft' as const,
    answers: statement.answers,
    report,
    // What rules read beside the answers (N-1 values, other forms, attachments): the browser
    // evaluates with it exactly as the server does.
    context,
    justifications: statement.justifications,
    prefectures,
    attachments: attachments.map(presentAttachment),
    history: history.map((h) => ({ revision: h.revision, sheet: h.sheet, userId: h.userId, createdAt: h.createdAt.toISOString() })),
    submissions,
    reopenRequests: reopenRequests.map(presentReopenRequest),
  };
}

type Snapshot = {
  answers: Record<string, Record<string, unknown>>;
  report: Report;
  justifications: Justifications;
  prefectures: string[];
  attachments: Array<{ id: number; category: string; filename: string; mediaType: string; size: number; sha256: string }>;
};

/** A recipient's view: what was transmitted (the current submission's snapshot), never the draft. */
export async function presentTransmittedStatement(state: AppState, loaded: LoadedStatement, submission: Submission) {
  const snapshot = submission.snapshot as unknown as Snapshot;
  const [submissions, reopenRequests, prefectures] = await Promise.all([
    submissionsOf(state, loaded.statement.id),
    state.models.ReopenRequest.findAll({ where: { statementId: loaded.statement.id }, order: [['id', 'DESC']] }),
    prefectureNames(state, snapshot.prefectures),
  ]);
  return {
    ...presentHeader(loaded),
    revision: submission.revision,
    view: 'transmitted' as const,
    submission: presentSubmission(submission, submissions.find((s) => s.number === submission.number)?.acknowledgedBy ?? []),
    answers: snapshot.answers,
    report: snapshot.report,
    justifications: snapshot.justifications,
    prefectures,
    attachments: snapshot.attachments,
    submissions,
    reopenRequests: reopenRequests.map(presentReopenRequest),
  };
}
