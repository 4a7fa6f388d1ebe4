import Router from '@koa/router';
import type { Context } from 'koa';
import { Op } from 'sequelize';
import { diffPackages } from '../../engine';
import { BUNDLE_FORMAT } from '../../engine/package';
import type { AppState } from '../context';
import type { Form, FormVersion } from '../db/models';
import { inputOf, validateBody } from '../http/validate';
import { allow, can, currentActor, type Subject } from '../policies';
import { getCompiledForm } from './form-cache';
import { readPackageUpload } from './package-input';
import { patchVersion } from './patcher';
import { previewVersion } from './preview';
import { publishVersion, uploadDraft } from './publisher';
import { PreviewSchema, RulePatchSchema, type PreviewRequest, type RulePatchRequest } from './schema';
import { presentVersion } from './versions';

interface LoadedVersion {
  version: FormVersion;
  form: Form;
}

const loaded = (ctx: Context) => ctx.state.loadedVersion as LoadedVersion;

/**
 * Form packages and their versions: upload (bundle or zip) → draft → preview → diff → publish →
 * rule patches. Editors of the owner only, except reading published versions.
 */
export function publishingRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api/forms' });
  const { Form: Forms, FormVersion: Versions } = state.models;

  async function loadVersion(ctx: Context): Promise<Subject | null> {
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const version = await Versions.findByPk(id);
    const form = version ? await Forms.findByPk(version.formId) : null;
    if (!version || !form) return null;
    ctx.state.loadedVersion = { version, form } satisfies LoadedVersion;
    return { type: 'form', owner: form.owner, published: version.status === 'published' };
  }

  router.get('/', allow('form.list'), async function listForms(ctx) {
    const actor = currentActor(ctx);
    const forms = await Forms.findAll({ order: [['code', 'ASC']] });
    const versions = await Versions.findAll({
      where: { formId: { [Op.in]: forms.map((f) => f.id) } },
      attributes: { exclude: ['package'] },
      order: [
        ['exercice', 'DESC'],
        ['version', 'DESC'],
        ['patchNumber', 'DESC'],
      ],
    });
    ctx.body = {
      forms: forms
        .map((form) => ({
          id: form.id,
          code: form.code,
          owner: form.owner,
          title: form.title,
          versions: versions
            .filter(
              (v) =>
                v.formId === form.id && can(actor, 'form.read', { type: 'form', owner: form.owner, published: v.status === 'published' }),
            )
            .map((v) => presentVersion(v, form)),
        }))
        .filter((f) => f.versions.length > 0 || can(actor, 'form.edit', { type: 'form', owner: f.owner, published: false })),
    };
  });

  router.post('/packages', allow('form.upload'), async function uploadPackage(ctx) {
    const files = await readPackageUpload(ctx);
    const version = await uploadDraft(state, currentActor(ctx), files);
    ctx.status = 201;
    ctx.body = presentVersion(version, (await Forms.findByPk(version.formId))!);
  });

  router.get('/versions/:id', allow('form.read', loadVersion), async function readVersion(ctx) {
    const { version, form } = loaded(ctx);
    const compiled = await getCompiledForm(state, version.id);
    const { manifest } = compiled.package;
    ctx.body = {
      ...presentVersion(version, form),
      audience: manifest.audience,
      sheets: compiled.package.sheets.map((s) => ({ id: s.id, title: s.title, sharedFrom: s.sharedFrom ?? null })),
      attachments: manifest.attachments,
      rules: compiled.package.rules.map((r) => ({
        id: r.id,
        kind: r.kind,
        severity: r.severity ?? null,
        active: r.active !== false,
        title: r.title ?? null,
      })),
    };
  });

  router.get('/versions/:id/package', allow('form.read', loadVersion), async function downloadPackage(ctx) {
    const { version } = loaded(ctx);
    ctx.set('Cache-Control', version.status === 'published' ? 'private, max-age=31536000, immutable' : 'no-store');
    ctx.set('ETag', `"${version.contentHash}"`);
    ctx.body = { format: BUNDLE_FORMAT, files: version.package };
  });

  router.post('/versions/:id/preview', allow('form.edit', loadVersion), validateBody(PreviewSchema), async function preview(ctx) {
    ctx.body = await previewVersion(state, loaded(ctx).version, inputOf<PreviewRequest>(ctx));
  });

  router.get('/versions/:id/diff', allow('form.read', loadVersion), async function diff(ctx) {
    const { version, form } = loaded(ctx);
    const baseId = version.patchesId ?? version.followsId;
    const base = baseId ? await Versions.findByPk(baseId, { attributes: { exclude: ['package'] } }) : null;
    if (!base) {
      ctx.body = { from: null, changes: [] };
      return;
    }
    const [from, to] = await Promise.all([getCompiledForm(state, base.id), getCompiledForm(state, version.id)]);
    const baseForm = base.formId === form.id ? form : (await Forms.findByPk(base.formId))!;
    ctx.body = { from: presentVersion(base, baseForm), changes: diffPackages(from.package, to.package) };
  });

  router.post('/versions/:id/publish', allow('form.edit', loadVersion), async function publish(ctx) {
    const version = await publishVersion(state, currentActor(ctx), loaded(ctx).version.id);
    ctx.body = presentVersion(version, loaded(ctx).form);
  });

  router.post('/versions/:id/patches', allow('form.edit', loadVersion), validateBody(RulePatchSchema), async function patch(ctx) {
    const { rules } = inputOf<RulePatchRequest>(ctx);
    const result = await patchVersion(state, currentActor(ctx), loaded(ctx).version.id, rules);
    ctx.status = 201;
    ctx.body = { ...presentVersion(result.version, loaded(ctx).form), movedStatements: result.movedStatements };
  });

  return router;
}
