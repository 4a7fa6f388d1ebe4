import type { Context } from 'koa';
import type { AppState } from '../context';
import type { Campaign, Form, FormVersion } from '../db/models';
import type { SubjectLoader } from '../policies/middleware';
import { idParam } from '../statements/subject';

/** What the consoles' loaders leave for the handler, so it does not read the same rows again. */
export interface CampaignInContext {
  campaign: Campaign;
  form: Form;
}
export interface VersionInContext {
  version: FormVersion;
  form: Form;
}

declare module 'koa' {
  interface DefaultState {
    consoleCampaign?: CampaignInContext;
    consoleVersion?: VersionInContext;
  }
}

/** Policy subject of the campaign named by `:id`: its form's owner decides who follows it. */
export function campaignById(state: AppState): SubjectLoader {
  return async (ctx) => {
    const id = idParam(ctx, 'id');
    const campaign = id === null ? null : await state.models.Campaign.findByPk(id);
    const version = campaign ? await state.models.FormVersion.findByPk(campaign.formVersionId, { attributes: ['id', 'formId'] }) : null;
    const form = version ? await state.models.Form.findByPk(version.formId) : null;
    if (!campaign || !form) return null;
    ctx.state.consoleCampaign = { campaign, form };
    return { type: 'campaign', owner: form.owner };
  };
}

/** Policy subject of the form version named by `:id` (draft or published). */
export function versionById(state: AppState): SubjectLoader {
  return async (ctx) => {
    const id = idParam(ctx, 'id');
    const version = id === null ? null : await state.models.FormVersion.findByPk(id);
    const form = version ? await state.models.Form.findByPk(version.formId) : null;
    if (!version || !form) return null;
    ctx.state.consoleVersion = { version, form };
    return { type: 'form', owner: form.owner, published: version.status === 'published' };
  };
}

export function campaignOf(ctx: Context): CampaignInContext {
  if (!ctx.state.consoleCampaign) throw new Error('route without campaign loader');
  return ctx.state.consoleCampaign;
}

export function versionOf(ctx: Context): VersionInContext {
  if (!ctx.state.consoleVersion) throw new Error('route without version loader');
  return ctx.state.consoleVersion;
}
