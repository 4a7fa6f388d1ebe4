import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppState } from '../context';
import type { Campaign, Form } from '../db/models';
import { forbidden, unprocessable } from '../http/errors';
import { inputOf, issuesOf, validateBody, validateQuery } from '../http/validate';
import { allow, can, currentActor } from '../policies';
import { getCompiledForm } from '../publishing/form-cache';
import { presentVersion, versionLabel } from '../publishing/versions';
import { checkPackage, claimedOwner } from './check';
import { impactReport } from './impact';
import { inbox } from './inbox';
import { campaignById, campaignOf, versionById, versionOf } from './loaders';
import { campaignPopulation, narrowedTo } from './population';
import { campaignDashboard, campaignMembers } from './progress';
import { receiptsZip } from './receipts-zip';
import { sendReminders } from './reminders';
import {
  CheckSchema,
  MembersQuerySchema,
  RemindSchema,
  SearchQuerySchema,
  WorkListQuerySchema,
  type CheckRequest,
  type MembersQuery,
  type RemindRequest,
  type SearchQuery,
  type WorkListQuery,
} from './schema';
import { searchStatements } from './search';
import { mountJobRoutes } from './job-routes';
import { mountWorkListRoutes } from './work-list-routes';
import { workListFilter } from './work-lists';

/**
 * engine/types pulls json-schema-to-typescript and prettier (whose CommonJS entry starts a dynamic
 * import on load): loaded on the first download only, so that starting the server never pays for it.
 */
function loadTypeGenerator(): (typeof import('../../engine/types'))['generateTypes'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../engine/types') as typeof import('../../engine/types')).generateTypes;
}

/** Sends a receipts archive as a download. */
function sendReceipts(ctx: Context, form: Form, campaign: Campaign, zip: Uint8Array) {
  ctx.set('Content-Disposition', `attachment; filename="recepisses-${form.code}-${campaign.exercice}.zip"`);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'private, no-store');
  ctx.type = 'application/zip';
  ctx.body = Buffer.from(zip);
}

/**
 * The consoles' own routes, on top of publishing, statements and exports: campaign progress
 * (dashboard, members), reminders, the authorities' search and the préfecture's inbox, the live
 * package check of the editor console, the impact report and the vendors' downloads.
 */
export function consoleRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/consoles' });
  const byCampaign = campaignById(state);
  const byVersion = versionById(state);

  router.get('/campaigns', allow('campaign.read'), async function followedCampaigns(ctx) {
    const actor = currentActor(ctx);
    const { Campaign, FormVersion, Form } = state.models;
    const campaigns = await Campaign.findAll({
      order: [
        ['exercice', 'DESC'],
        ['id', 'DESC'],
      ],
    });
    const versions = await FormVersion.findAll({ attributes: ['id', 'formId', 'version', 'patchNumber'] });
    const forms = await Form.findAll();
    ctx.body = {
      items: campaigns.flatMap((campaign) => {
        const version = versions.find((v) => v.id === campaign.formVersionId);
        const form = forms.find((f) => f.id === version?.formId);
        if (!version || !form) return [];
        const subject = { type: 'campaign', owner: form.owner } as const;
        if (!can(actor, 'campaign.export', subject) && !can(actor, 'campaign.manage', subject)) return [];
        return [
          {
            id: campaign.id,
            title: campaign.title,
            exercice: campaign.exercice,
            status: campaign.status,
            audience: campaign.audience,
            opensAt: campaign.opensAt.toISOString(),
            closesAt: campaign.closesAt.toISOString(),
            form: {
              id: form.id,
              code: form.code,
              title: form.title,
              owner: form.owner,
              version: versionLabel(version),
              versionId: version.id,
            },
            canFollow: can(actor, 'campaign.export', subject),
            canRemind: can(actor, 'campaign.remind', subject),
          },
        ];
      }),
    };
  });

  /** The forms the actor may edit (editor console), with all their versions: other owners' forms are not listed, even published. */
  router.get('/forms', allow('form.upload'), async function editableForms(ctx) {
    const actor = currentActor(ctx);
    const { Form, FormVersion } = state.models;
    const forms = (await Form.findAll({ order: [['code', 'ASC']] })).filter((f) =>
      can(actor, 'form.edit', { type: 'form', owner: f.owner, published: false }),
    );
    const versions = await FormVersion.findAll({
      where: { formId: forms.map((f) => f.id) },
      attributes: { exclude: ['package'] },
      order: [
        ['exercice', 'DESC'],
        ['version', 'DESC'],
        ['patchNumber', 'DESC'],
      ],
    });
    ctx.body = {
      forms: forms.map((form) => ({
        id: form.id,
        code: form.code,
        owner: form.owner,
        title: form.title,
        versions: versions.filter((v) => v.formId === form.id).map((v) => presentVersion(v, form)),
      })),
    };
  });

  /** The organisations of the `workList` the request names, if any (the caller's authority's, else 404). */
  const listed = async (ctx: Context) => {
    const { workList } = inputOf<WorkListQuery>(ctx);
    return workList === undefined ? undefined : workListFilter(state, currentActor(ctx), workList);
  };

  router.get(
    '/campaigns/:id/progress',
    allow('campaign.export', byCampaign),
    validateQuery(WorkListQuerySchema),
    async function progress(ctx) {
      const { campaign, form } = campaignOf(ctx);
      const population = narrowedTo(await campaignPopulation(state, currentActor(ctx), campaign, form), await listed(ctx));
      ctx.body = {
        campaign: { id: campaign.id, title: campaign.title, exercice: campaign.exercice, closesAt: campaign.closesAt.toISOString() },
        ...(await campaignDashboard(state, campaign, population)),
      };
    },
  );

  router.get(
    '/campaigns/:id/organisations',
    allow('campaign.export', byCampaign),
    validateQuery(MembersQuerySchema),
    async function members(ctx) {
      const { campaign, form } = campaignOf(ctx);
      const population = narrowedTo(await campaignPopulation(state, currentActor(ctx), campaign, form), await listed(ctx));
      ctx.body = { items: await campaignMembers(state, campaign, population, inputOf<MembersQuery>(ctx)) };
    },
  );

  router.get(
    '/campaigns/:id/receipts.zip',
    allow('campaign.export', byCampaign),
    validateQuery(WorkListQuerySchema),
    async function receipts(ctx) {
      const { campaign, form } = campaignOf(ctx);
      const { zip } = await receiptsZip(state, currentActor(ctx), campaign, await listed(ctx));
      sendReceipts(ctx, form, campaign, zip);
    },
  );

  router.post('/campaigns/:id/reminders', allow('campaign.remind', byCampaign), validateBody(RemindSchema), async function remind(ctx) {
    const actor = currentActor(ctx);
    const { campaign, form } = campaignOf(ctx);
    const population = await campaignPopulation(state, actor, campaign, form);
    ctx.body = await sendReminders(state, actor, campaign, form, population, inputOf<RemindRequest>(ctx));
  });

  router.get('/statements', allow('statement.search'), validateQuery(SearchQuerySchema), async function search(ctx) {
    ctx.body = await searchStatements(state, currentActor(ctx), { ...inputOf<SearchQuery>(ctx), organisationIds: await listed(ctx) });
  });

  router.get('/inbox', allow('statement.search'), validateQuery(SearchQuerySchema), async function prefectureInbox(ctx) {
    ctx.body = await inbox(state, currentActor(ctx), { ...inputOf<SearchQuery>(ctx), organisationIds: await listed(ctx) });
  });

  mountWorkListRoutes(router, state);

  // The same archive built in the background, with its progress (receipts done / total) and cancellation.
  mountJobRoutes(router, state, {
    path: '/campaigns/:id/receipts',
    kind: 'receipts',
    action: 'campaign.export',
    load: byCampaign,
    subjectId: (ctx) => campaignOf(ctx).campaign.id,
    async prepare(ctx) {
      const query = WorkListQuerySchema.safeParse(ctx.query);
      if (!query.success) throw unprocessable('Certains paramètres de la requête sont invalides.', issuesOf(query.error));
      const actor = currentActor(ctx);
      const { campaign } = campaignOf(ctx);
      const organisationIds = query.data.workList === undefined ? undefined : await workListFilter(state, actor, query.data.workList);
      return {
        subjectId: campaign.id,
        params: { workList: query.data.workList ?? null },
        work: async (progress) => ({ file: Buffer.from((await receiptsZip(state, actor, campaign, organisationIds, progress)).zip) }),
      };
    },
    sendFile: (ctx, file) => {
      const { campaign, form } = campaignOf(ctx);
      sendReceipts(ctx, form, campaign, file);
    },
  });

  router.post('/check', allow('form.upload'), validateBody(CheckSchema), async function check(ctx) {
    const { files } = inputOf<CheckRequest>(ctx);
    const owner = claimedOwner(files);
    if (owner !== null && !can(currentActor(ctx), 'form.edit', { type: 'form', owner, published: false })) {
      throw forbidden(`Seuls les éditeurs de ${owner} peuvent modifier ce formulaire.`);
    }
    ctx.body = await checkPackage(state, files);
  });

  router.get('/versions/:id/impact', allow('form.edit', byVersion), async function impact(ctx) {
    const { version, form } = versionOf(ctx);
    ctx.body = await impactReport(state, version, form);
  });

  // The impact report in the background, with its progress (statements replayed / total) and cancellation.
  mountJobRoutes(router, state, {
    path: '/versions/:id/impact',
    kind: 'impact',
    action: 'form.edit',
    load: byVersion,
    subjectId: (ctx) => versionOf(ctx).version.id,
    async prepare(ctx) {
      const { version, form } = versionOf(ctx);
      return {
        subjectId: version.id,
        params: {},
        work: async (progress) => ({ result: await impactReport(state, version, form, progress) }),
      };
    },
  });

  router.get('/versions/:id/types.d.ts', allow('form.read', byVersion), async function types(ctx) {
    const { version, form } = versionOf(ctx);
    const compiled = await getCompiledForm(state, version.id);
    ctx.set('Content-Disposition', `attachment; filename="${form.code}-${versionLabel(version)}.d.ts"`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = await loadTypeGenerator()(compiled.package);
  });

  router.get('/versions/:id/schemas.json', allow('form.read', byVersion), async function schemas(ctx) {
    const { version, form } = versionOf(ctx);
    const compiled = await getCompiledForm(state, version.id);
    ctx.set('Content-Disposition', `attachment; filename="${form.code}-${versionLabel(version)}-schemas.json"`);
    ctx.body = {
      form: form.code,
      version: versionLabel(version),
      exercice: version.exercice,
      sheets: Object.fromEntries(compiled.package.sheets.map((s) => [s.id, s.schema])),
    };
  });

  return router;
}
