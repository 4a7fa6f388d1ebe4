import type { AppState } from '../../../server/context';
import type { Campaign, FormVersion, Organisation } from '../../../server/db/models';
import { FileStore } from '../../../server/documents/storage';
import { formRuntime } from '../../../server/statements/form-runtime';
import { canonicalHash } from '../../../server/transmission/canonical';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/**
 * Statements for the access matrix, on the published ER: orgA's draft and orgB's draft on the
 * fixtures' campaign; orgA's transmitted statement (with an attachment) and orgA's statement
 * awaiting a reopening decision, each on a campaign of their own (one statement per campaign).
 */
export async function buildStatementFixtures(
  state: AppState,
  version: FormVersion,
  campaign: Campaign,
  orgA: Organisation,
  orgB: Organisation,
  signatoryId: number,
) {
  const { Statement, Submission, Attachment, ReopenRequest, Campaign: Campaigns } = state.models;
  const extraCampaign = (title: string) =>
    Campaigns.create({
      formVersionId: version.id,
      exercice: version.exercice,
      title,
      audience: campaign.audience,
      opensAt: campaign.opensAt,
      closesAt: campaign.closesAt,
      status: 'open',
      createdBy: null,
    });
  const draft = (organisation: Organisation, on: Campaign) =>
    Statement.create({
      organisationId: organisation.id,
      campaignId: on.id,
      formVersionId: version.id,
      state: 'draft',
      revision: 1,
      answers: {},
      justifications: {},
      prefectures: [organisation.departement],
      transmittedAt: null,
    });

  const draftA = await draft(orgA, campaign);
  const draftB = await draft(orgB, campaign);

  const transmitted = async (title: string, statementState: 'transmitted' | 'reopen_requested') => {
    const statement = await draft(orgA, await extraCampaign(title));
    const stored = await new FileStore(state.config.storageDir).put(PDF);
    const attachment = await Attachment.create({
      statementId: statement.id,
      category: 'comptes_certifies',
      filename: 'comptes.pdf',
      mediaType: 'application/pdf',
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
      uploadedBy: signatoryId,
      deletedAt: null,
      deletedBy: null,
    });
    const transmittedAt = new Date();
    const snapshot = {
      format: 'harmonia-submission@1',
      form: { code: 'er-ols', version: version.version, formVersionId: version.id, exercice: version.exercice },
      organisation: { siren: orgA.siren, name: orgA.name, kind: orgA.kind, departement: orgA.departement },
      revision: 1,
      transmittedAt: transmittedAt.toISOString(),
      transmittedBy: { id: signatoryId, name: 'ORG_SIGNATAIRE' },
      late: false,
      answers: {},
      computed: {},
      report: { computed: {}, controls: [], counts: { blocking: 0, warning: 0, info: 0 }, transmissible: true, unjustified: [] },
      justifications: {},
      prefectures: ['69'],
      attachments: [
        {
          id: attachment.id,
          category: attachment.category,
          filename: attachment.filename,
          mediaType: attachment.mediaType,
          size: attachment.size,
          sha256: attachment.sha256,
        },
      ],
    };
    const submission = await Submission.create({
      statementId: statement.id,
      number: 1,
      revision: 1,
      formVersionId: version.id,
      snapshot,
      sha256: canonicalHash(snapshot),
      receiptNumber: `HAR-${version.exercice}-${String(900000 + statement.id)}`,
      transmittedAt,
      transmittedBy: signatoryId,
      late: false,
      replacedBy: null,
      replacedAt: null,
    });
    await statement.update({ state: statementState, transmittedAt });
    return { statement, attachment, submission };
  };

  const sent = await transmitted('ER — déclaration transmise', 'transmitted');
  const asked = await transmitted('ER — réouverture demandée', 'reopen_requested');
  const request = await ReopenRequest.create({
    statementId: asked.statement.id,
    submissionId: asked.submission.id,
    reason: 'Erreur de saisie',
    requestedBy: signatoryId,
    status: 'pending',
    decidedBy: null,
    decisionReason: null,
    decidedAt: null,
  });
  const { pkg } = await formRuntime(state, version.id);
  const warningRule = pkg.rules.find((r) => r.kind === 'check' && r.severity === 'warning')!.id;
  return {
    draftA,
    draftB,
    transmittedA: sent.statement,
    transmittedAttachment: sent.attachment,
    reopenRequested: asked.statement,
    reopenRequest: request,
    warningRule,
  };
}
