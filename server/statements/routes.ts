import Router from '@koa/router';
import type { AppState } from '../context';
import { audit } from '../audit/log';
import { notFound } from '../http/errors';
import { inputOf, validateBody, validateQuery } from '../http/validate';
import { allow, currentActor } from '../policies/middleware';
import type { Actor } from '../policies/actor';
import { justify } from './justifier';
import { listOwnStatements, listReceivedStatements } from './lister';
import { loadStatement, type LoadedStatement } from './loaded-statement';
import { openStatement } from './opener';
import { choosePrefectures } from './prefectures';
import { presentOwnStatement, presentTransmittedStatement } from './presenter';
import { problemsOnly } from './report-view';
import { replaceSheets } from './saver';
import {
  JustifySchema,
  ListQuerySchema,
  PrefecturesSchema,
  SaveSheetSchema,
  SHEET_ID,
  type JustifyRequest,
  type ListQuery,
  type PrefecturesRequest,
  type SaveSheetRequest,
} from './schema';
import { bundleOf, idParam, loadedStatementOf, statementById } from './subject';

const isOwner = (actor: Actor, loaded: LoadedStatement) =>
  actor.organisationId !== null && actor.organisationId === loaded.statement.organisationId;

/** A view of one statement: the draft for its organisation, the transmitted snapshot (audited) for a recipient. */
export async function statementView(state: AppState, actor: Actor, loaded: LoadedStatement) {
  if (isOwner(actor, loaded)) return presentOwnStatement(state, loaded, await state.evaluations.evaluation(state, loaded));
  const submission = await state.models.Submission.findOne({ where: { statementId: loaded.statement.id }, order: [['number', 'DESC']] });
  if (!submission) throw notFound('Déclaration introuvable.');
  await audit(state, {
    actor,
    action: 'statement.read_by_recipient',
    objectType: 'statement',
    objectId: loaded.statement.id,
    details: { organisationId: loaded.statement.organisationId, submissionId: submission.id },
  });
  return presentTransmittedStatement(state, loaded, submission);
}

/**
 * The statement lifecycle before transmission: list, open, read, save a sheet, justify a warning,
 * choose the recipient préfectures.
 */
export function statementRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api' });
  const byId = statementById(state);

  router.get('/statements', allow('statement.list'), validateQuery(ListQuerySchema), async function listStatements(ctx) {
    const actor = currentActor(ctx);
    const { campaign } = inputOf<ListQuery>(ctx);
    ctx.body = actor.organisationId
      ? { items: (await listOwnStatements(state, actor)).filter((item) => !campaign || item.campaign.id === campaign) }
      : { items: await listReceivedStatements(state, actor, campaign) };
  });

  router.post(
    '/campaigns/:campaignId/statement',
    allow('statement.edit', async (ctx) => {
      const actor = currentActor(ctx);
      const campaignId = idParam(ctx, 'campaignId');
      const organisation = actor.organisationId ? await state.models.Organisation.findByPk(actor.organisationId) : null;
      if (campaignId === null || !organisation) return null;
      // The statement to be: of the actor's organisation, not yet transmitted.
      return {
        type: 'statement',
        organisationId: organisation.id,
        federationId: organisation.federationId,
        departement: organisation.departement,
        prefectures: [],
        formOwner: '',
        transmitted: false,
      };
    }),
    async function open(ctx) {
      const actor = currentActor(ctx);
      const { statement, created } = await openStatement(state, actor, actor.organisationId!, idParam(ctx, 'campaignId')!);
      ctx.status = created ? 201 : 200;
      ctx.body = await statementView(state, actor, await loadStatement(state, statement));
    },
  );

  router.get('/statements/:id', allow('statement.read', byId), async function read(ctx) {
    ctx.body = await statementView(state, currentActor(ctx), await loadStatement(state, bundleOf(ctx)));
  });

  router.put('/statements/:id/sheets/:sheet', allow('statement.edit', byId), validateBody(SaveSheetSchema), async function saveSheet(ctx) {
    const sheet = String(ctx.params.sheet);
    if (!SHEET_ID.test(sheet)) throw notFound('Feuille inconnue.');
    const { baseRevision, answers } = inputOf<SaveSheetRequest>(ctx);
    const result = await replaceSheets(state, currentActor(ctx), bundleOf(ctx), baseRevision, { [sheet]: answers }, sheet);
    ctx.body = { revision: result.revision, report: problemsOnly(result.report) };
  });

  router.put(
    '/statements/:id/justifications/:key',
    allow('statement.edit', byId),
    validateBody(JustifySchema),
    async function putJustification(ctx) {
      const { text, previous } = inputOf<JustifyRequest>(ctx);
      const { justifications, report } = await justify(
        state,
        currentActor(ctx),
        loadedStatementOf(ctx).id,
        String(ctx.params.key),
        text,
        previous,
      );
      ctx.body = { justifications, report: problemsOnly(report) };
    },
  );

  router.put(
    '/statements/:id/prefectures',
    allow('statement.edit', byId),
    validateBody(PrefecturesSchema),
    async function putPrefectures(ctx) {
      const { departements } = inputOf<PrefecturesRequest>(ctx);
      ctx.body = { prefectures: await choosePrefectures(state, currentActor(ctx), loadedStatementOf(ctx).id, departements) };
    },
  );

  return router;
}
