import type { Submission } from '../db/models';
import type { AppState } from '../context';
import { notFound } from '../http/errors';
import type { LoadedStatement } from '../statements/loaded-statement';
import { frenchDateTime, type ReceiptData } from './receipt-data';
import { recipientNames } from './recipients';

type Snapshot = {
  form: { code: string; version: string; exercice: number };
  organisation: { siren: string; name: string };
  transmittedBy: { name: string };
  prefectures: string[];
  attachments: Array<{ category: string; filename: string; sha256: string }>;
};

/** A submission of the statement: the given number, or the latest one. */
export async function findSubmission(state: AppState, statementId: number, number?: number): Promise<Submission> {
  const submission = await state.models.Submission.findOne({
    where: number === undefined ? { statementId } : { statementId, number },
    order: [['number', 'DESC']],
  });
  if (!submission) throw notFound('Aucune transmission : pas de récépissé pour cette déclaration.');
  return submission;
}

/** The récépissé's data, entirely from the immutable snapshot (what was sent, not what the draft says now). */
export async function receiptData(state: AppState, loaded: LoadedStatement, submission: Submission): Promise<ReceiptData> {
  const snapshot = submission.snapshot as unknown as Snapshot;
  const attachmentLabels = new Map(loaded.runtime.pkg.manifest.attachments.map((c) => [c.code, c.label]));
  return {
    receiptNumber: submission.receiptNumber,
    organisation: { name: snapshot.organisation.name, siren: snapshot.organisation.siren },
    form: {
      id: snapshot.form.code,
      title: loaded.runtime.pkg.manifest.title,
      version: snapshot.form.version,
      exercice: snapshot.form.exercice,
    },
    transmittedAt: submission.transmittedAt.toISOString(),
    transmittedAtText: frenchDateTime(submission.transmittedAt.toISOString()),
    sha256: submission.sha256,
    revision: submission.revision,
    late: submission.late,
    signatory: snapshot.transmittedBy.name,
    recipients: await recipientNames(state, loaded.form.owner, snapshot.prefectures),
    attachments: snapshot.attachments.map((a) => ({
      category: attachmentLabels.get(a.category) ?? a.category,
      filename: a.filename,
      sha256: a.sha256,
    })),
  };
}
