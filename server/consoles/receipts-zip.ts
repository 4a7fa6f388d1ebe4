import { zipSync } from 'fflate';
import { Op } from 'sequelize';
import { audit } from '../audit/log';
import type { AppState } from '../context';
import type { Campaign } from '../db/models';
import type { Actor } from '../policies/actor';
import { statementScope } from '../policies/scopes';
import { receiptData } from '../receipts/receipt-loader';
import { renderReceiptPdf } from '../receipts/render-pdf';
import { loadStatement } from '../statements/loaded-statement';
import { NO_PROGRESS, type JobProgress } from './jobs';

/** Receipts at most in one archive: beyond, the caller narrows the search (a campaign has ~900). */
export const MAX_RECEIPTS = 2000;

/**
 * The récépissés (PDF) of the current submissions of a campaign that the actor may read (the
 * policy's SQL scope), as one zip: `<SIREN>-<receipt number>.pdf`. PDFs are already compressed,
 * so they are stored, not deflated again.
 */
export async function receiptsZip(
  state: AppState,
  actor: Actor,
  campaign: Campaign,
  organisationIds?: number[],
  progress: JobProgress = NO_PROGRESS,
): Promise<{ zip: Uint8Array; count: number }> {
  const narrowed = organisationIds ? [{ organisationId: { [Op.in]: organisationIds.length ? organisationIds : [-1] } }] : [];
  const statements = await state.models.Statement.findAll({
    where: { [Op.and]: [await statementScope(state, actor), { campaignId: campaign.id }, ...narrowed] },
    attributes: ['id'],
    order: [['id', 'ASC']],
    limit: MAX_RECEIPTS,
  });
  const submissions = await state.models.Submission.findAll({
    where: { statementId: { [Op.in]: statements.length ? statements.map((s) => s.id) : [-1] }, replacedBy: null },
    order: [['statementId', 'ASC']],
  });
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [index, submission] of submissions.entries()) {
    await progress.advance(index, submissions.length);
    const loaded = await loadStatement(state, submission.statementId);
    const pdf = await renderReceiptPdf(await receiptData(state, loaded, submission));
    files[`${loaded.organisation.siren}-${submission.receiptNumber}.pdf`] = [new Uint8Array(pdf), { level: 0 }];
  }
  await progress.advance(submissions.length, submissions.length);
  await audit(state, {
    actor,
    action: 'campaign.export_receipts',
    objectType: 'campaign',
    objectId: campaign.id,
    details: { receipts: submissions.length },
  });
  return { zip: zipSync(files), count: submissions.length };
}
