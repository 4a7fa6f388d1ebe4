import Router from '@koa/router';
import type { Context } from 'koa';
import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { Campaign } from '../db/models';
import { notFound } from '../http/errors';
import { inputOf, validateBody } from '../http/validate';
import { allow, currentActor, type Subject } from '../policies';
import { CreateCampaignSchema, UpdateCampaignSchema, type CreateCampaignRequest, type UpdateCampaignRequest } from './schema';
import { createCampaign, presentCampaign, updateCampaign } from './service';

/** Campaigns: a published form version offered to an audience between two dates. */
export function campaignRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/campaigns' });
  const { Campaign: Campaigns, FormVersion: Versions, Form, Organisation } = state.models;

  async function present(campaigns: Campaign[]) {
    const versions = await Versions.findAll({
      where: { id: { [Op.in]: campaigns.map((c) => c.formVersionId) } },
      attributes: { exclude: ['package'] },
    });
    const forms = await Form.findAll({ where: { id: { [Op.in]: versions.map((v) => v.formId) } } });
    return campaigns.map((c) => {
      const version = versions.find((v) => v.id === c.formVersionId)!;
      return presentCampaign(
        c,
        version,
        forms.find((f) => f.id === version.formId)!,
      );
    });
  }

  async function ownerOf(formVersionId: number): Promise<string | null> {
    const version = await Versions.findByPk(formVersionId, { attributes: ['id', 'formId'] });
    return version ? ((await Form.findByPk(version.formId))?.owner ?? null) : null;
  }

  async function loadCampaign(ctx: Context): Promise<Subject | null> {
    const id = Number(ctx.params.id);
    const campaign = Number.isSafeInteger(id) && id > 0 ? await Campaigns.findByPk(id) : null;
    const owner = campaign ? await ownerOf(campaign.formVersionId) : null;
    if (!campaign || !owner) return null;
    ctx.state.campaign = campaign;
    return { type: 'campaign', owner };
  }

  async function loadTargetVersion(ctx: Context): Promise<Subject | null> {
    const id = (ctx.request.body as { formVersionId?: unknown } | undefined)?.formVersionId;
    const owner = typeof id === 'number' && Number.isSafeInteger(id) ? await ownerOf(id) : null;
    if (!owner) throw notFound('Version de formulaire introuvable.');
    return { type: 'campaign', owner };
  }

  router.get('/', allow('campaign.read'), async function listCampaigns(ctx) {
    const actor = currentActor(ctx);
    const exercice = Number(ctx.query.exercice);
    let campaigns = await Campaigns.findAll({
      where: Number.isInteger(exercice) ? { exercice } : {},
      order: [
        ['exercice', 'DESC'],
        ['id', 'ASC'],
      ],
    });
    // An organisation sees the campaigns addressed to its kind.
    if (actor.organisationId) {
      const organisation = await Organisation.findByPk(actor.organisationId);
      campaigns = campaigns.filter((c) => organisation && c.audience.includes(organisation.kind));
    }
    ctx.body = { campaigns: await present(campaigns) };
  });

  router.get('/:id', allow('campaign.read', loadCampaign), async function readCampaign(ctx) {
    ctx.body = (await present([ctx.state.campaign as Campaign]))[0];
  });

  router.post('/', allow('campaign.manage', loadTargetVersion), validateBody(CreateCampaignSchema), async function openCampaign(ctx) {
    const campaign = await createCampaign(state, currentActor(ctx), inputOf<CreateCampaignRequest>(ctx));
    ctx.status = 201;
    ctx.body = (await present([campaign]))[0];
  });

  router.patch('/:id', allow('campaign.manage', loadCampaign), validateBody(UpdateCampaignSchema), async function changeCampaign(ctx) {
    const campaign = await updateCampaign(state, currentActor(ctx), ctx.state.campaign as Campaign, inputOf<UpdateCampaignRequest>(ctx));
    ctx.body = (await present([campaign]))[0];
  });

  return router;
}
