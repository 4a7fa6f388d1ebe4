import type { PackageFiles } from '../../engine/api';
import type { Manifest } from '../../engine/package/model';
import { audit, writeTransactionOptions } from '../audit/log';
import type { AppState } from '../context';
import type { FormVersion } from '../db/models';
import { conflict, forbidden } from '../http/errors';
import { can, type Actor } from '../policies';
import { canonicalHash } from '../transmission/canonical';
import { compilePackage } from './compile';
import { packageInvalid } from './errors';
import { latestPublished } from './shared';
import { orConflict } from './versions';

/** `form@version` → the id of that published version, if it exists. */
async function followedVersionId(state: AppState, manifest: Manifest): Promise<number | null> {
  const match = /^([a-z0-9-]+)@(.+)$/.exec(manifest.follows ?? '');
  if (!match) return null;
  return (await latestPublished(state, match[1], match[2], ['id']))?.id ?? null;
}

/**
 * Stores an uploaded package as a draft version, after the engine has checked it (every
 * diagnostic is answered at once). A draft of the same version is replaced; a published version
 * is immutable (409). `actor` is null for the seed. Only editors of the manifest's owner may store it.
 */
export async function uploadDraft(state: AppState, actor: Actor | null, files: PackageFiles): Promise<FormVersion> {
  const compiled = await compilePackage(state, files, { checkSchemas: true });
  if (!compiled.ok) throw packageInvalid(compiled.diagnostics);
  const { manifest } = compiled.value!.package;
  if (actor && !can(actor, 'form.edit', { type: 'form', owner: manifest.owner, published: false })) {
    throw forbidden(`Seuls les éditeurs de ${manifest.owner} peuvent déposer ce formulaire.`);
  }
  const { Form, FormVersion: Versions } = state.models;
  const followsId = await followedVersionId(state, manifest);
  return orConflict(
    state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
      const [form] = await Form.findOrCreate({
        where: { code: manifest.id },
        defaults: { code: manifest.id, owner: manifest.owner, title: manifest.title },
        transaction,
      });
      if (form.owner !== manifest.owner) {
        throw conflict(`Le formulaire « ${manifest.id} » appartient à ${form.owner} : le propriétaire du manifeste ne peut pas changer.`);
      }
      if (form.title !== manifest.title) await form.update({ title: manifest.title }, { transaction });
      const existing = await Versions.findOne({ where: { formId: form.id, version: manifest.version, patchNumber: 0 }, transaction });
      if (existing?.status === 'published') {
        throw conflict(
          `La version ${manifest.version} de « ${manifest.id} » est déjà publiée : elle ne peut plus changer. Déposez une nouvelle version.`,
        );
      }
      const content = {
        package: files,
        contentHash: canonicalHash(files),
        exercice: manifest.exercice,
        followsId,
        createdBy: actor?.id ?? null,
      };
      const version = existing
        ? await existing.update(content, { transaction })
        : await Versions.create(
            {
              ...content,
              formId: form.id,
              version: manifest.version,
              status: 'draft',
              patchesId: null,
              patch: null,
              publishedBy: null,
              publishedAt: null,
            },
            { transaction },
          );
      await audit(
        state,
        {
          actor,
          action: 'form.upload',
          objectType: 'form_version',
          objectId: version.id,
          details: { form: manifest.id, version: manifest.version, contentHash: version.contentHash },
        },
        transaction,
      );
      return version;
    }),
  );
}

/**
 * Publishes a draft: checked again (its shared sheets must now resolve to published versions),
 * then frozen with its content hash. A published version never changes; rule patches are new versions.
 */
export async function publishVersion(state: AppState, actor: Actor | null, versionId: number): Promise<FormVersion> {
  const { FormVersion: Versions } = state.models;
  const draft = await Versions.findByPk(versionId);
  if (!draft || draft.status !== 'draft') throw conflict('Seule une version en brouillon peut être publiée.');
  const compiled = await compilePackage(state, draft.package, { checkSchemas: true });
  if (!compiled.ok) throw packageInvalid(compiled.diagnostics);
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const [updated] = await Versions.update(
      { status: 'published', publishedAt: new Date(), publishedBy: actor?.id ?? null },
      { where: { id: versionId, status: 'draft', contentHash: draft.contentHash }, transaction },
    );
    if (updated !== 1) throw conflict('La version a changé pendant la publication : rechargez-la et recommencez.');
    await audit(
      state,
      { actor, action: 'form.publish', objectType: 'form_version', objectId: versionId, details: { contentHash: draft.contentHash } },
      transaction,
    );
    return (await Versions.findByPk(versionId, { transaction }))!;
  });
}
