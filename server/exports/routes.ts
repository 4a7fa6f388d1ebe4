import Router from '@koa/router';
import { Op } from 'sequelize';
import { z } from 'zod';
import { audit } from '../audit/log';
import type { AppState } from '../context';
import { inputOf, validateQuery } from '../http/validate';
import { allow, currentActor } from '../policies/middleware';
import { statementScope } from '../policies/scopes';
import { workListFilter } from '../consoles/work-lists';
import { formRuntime } from '../statements/form-runtime';
import { idParam } from '../statements/subject';
import { longCsv, wideCsv } from './csv-writer';
import { maxTableRows, statementPages, type OrganisationScope } from './statement-pages';
import { wideColumns } from './export-model';
import { longXlsx, wideXlsx } from './xlsx-writer';

const ExportQuerySchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  layout: z.enum(['wide', 'long']).default('wide'),
  /** A work list of the caller's authority (server/consoles/work-lists): its organisations only. */
  workList: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/**
 * GET /api/campaigns/:campaignId/export?format=csv|xlsx&layout=wide|long: the campaign's current
 * transmitted statements that the caller may read (the policy's SQL scope), streamed.
 */
export function exportRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/campaigns' });
  router.get(
    '/:campaignId/export',
    allow('campaign.export', async (ctx) => {
      const id = idParam(ctx, 'campaignId');
      const campaign = id === null ? null : await state.models.Campaign.findByPk(id);
      const version = campaign ? await state.models.FormVersion.findByPk(campaign.formVersionId, { attributes: ['id', 'formId'] }) : null;
      const form = version ? await state.models.Form.findByPk(version.formId) : null;
      return form ? { type: 'campaign', owner: form.owner } : null;
    }),
    validateQuery(ExportQuerySchema),
    async function exportCampaign(ctx) {
      const { format, layout, workList } = inputOf<z.infer<typeof ExportQuerySchema>>(ctx);
      const actor = currentActor(ctx);
      const campaign = (await state.models.Campaign.findByPk(idParam(ctx, 'campaignId')!))!;
      const listed = workList === undefined ? [] : [{ organisationId: { [Op.in]: await workListFilter(state, actor, workList) } }];
      const readable = await state.models.Statement.findAll({
        where: { [Op.and]: [await statementScope(state, actor), { campaignId: campaign.id }, ...listed] },
        attributes: ['organisationId'],
      });
      const scope: OrganisationScope = [...new Set(readable.map((s) => s.organisationId))];
      const { pkg } = await formRuntime(state, campaign.formVersionId);
      const pages = statementPages(state, campaign.id, scope, pkg.fields);
      const columns = layout === 'wide' ? wideColumns(pkg.fields, await maxTableRows(state, campaign.id, scope, pkg.fields)) : [];
      await audit(state, {
        actor,
        action: 'campaign.export',
        objectType: 'campaign',
        objectId: campaign.id,
        details: { format, layout, organisations: scope.length },
      });
      const name = `${pkg.manifest.id}-${campaign.exercice}-${layout}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Cache-Control', 'private, no-store');
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = layout === 'wide' ? wideCsv(columns, pages) : longCsv(pages);
      } else {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.body = layout === 'wide' ? wideXlsx(columns, pages) : longXlsx(pages);
      }
    },
  );
  return router;
}
