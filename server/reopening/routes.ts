import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../context';
import { inputOf, validateBody } from '../http/validate';
import { allow, currentActor } from '../policies/middleware';
import { statementSubject } from '../policies/subjects';
import { can } from '../policies/can';
import { statementScope } from '../policies/scopes';
import { idParam, loadedStatementOf, statementById } from '../statements/subject';
import { decideReopening, MAX_REASON, presentReopenRequest, requestReopening } from './reopener';
import { Op } from 'sequelize';

const RequestSchema = z.strictObject({ reason: z.string().max(MAX_REASON) });
const DecisionSchema = z.strictObject({ accept: z.boolean(), reason: z.string().max(MAX_REASON).optional() });

/** Reopening: the organisation asks; DHUP (ER) or the owning federation (its questionnaires) decides. */
export function reopeningRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api' });

  router.post(
    '/statements/:id/reopen-requests',
    allow('statement.reopen.request', statementById(state)),
    validateBody(RequestSchema),
    async function ask(ctx) {
      const { reason } = inputOf<z.infer<typeof RequestSchema>>(ctx);
      ctx.status = 201;
      ctx.body = presentReopenRequest(await requestReopening(state, currentActor(ctx), loadedStatementOf(ctx).id, reason));
    },
  );

  router.post(
    '/reopen-requests/:requestId/decision',
    allow('statement.reopen.decide', async (ctx) => {
      const id = idParam(ctx, 'requestId');
      const request = id === null ? null : await state.models.ReopenRequest.findByPk(id);
      const found = request ? await statementSubject(state, request.statementId) : null;
      return found?.subject ?? null;
    }),
    validateBody(DecisionSchema),
    async function decide(ctx) {
      const { accept, reason } = inputOf<z.infer<typeof DecisionSchema>>(ctx);
      ctx.body = presentReopenRequest(await decideReopening(state, currentActor(ctx), idParam(ctx, 'requestId')!, accept, reason ?? ''));
    },
  );

  /** Pending requests the actor may decide: the SQL scope first, then the decision rule on that short list. */
  router.get('/reopen-requests', allow('statement.list'), async function pending(ctx) {
    const actor = currentActor(ctx);
    const statements = await state.models.Statement.findAll({
      where: { [Op.and]: [await statementScope(state, actor), { state: 'reopen_requested' }] },
    });
    const items = [];
    for (const statement of statements) {
      const found = await statementSubject(state, statement);
      if (!found || !can(actor, 'statement.reopen.decide', found.subject)) continue;
      const requests = await state.models.ReopenRequest.findAll({ where: { statementId: statement.id, status: 'pending' } });
      items.push(...requests.map(presentReopenRequest));
    }
    ctx.body = { items };
  });

  return router;
}
