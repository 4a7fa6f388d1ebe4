import { Op } from 'sequelize';
import type { PackageFiles } from '../../engine/api';
import type { FormPackage } from '../../engine/package/model';
import { audit, writeTransactionOptions } from '../audit/log';
import type { AppState } from '../context';
import type { FormVersion, RulePatch } from '../db/models';
import { conflict, unprocessable } from '../http/errors';
import type { Actor } from '../policies';
import { canonicalHash } from '../transmission/canonical';
import { compilePackage } from './compile';
import { packageInvalid } from './errors';
import { moveOpenStatements, orConflict, siblingVersionIds } from './versions';

type Json = Record<string, unknown>;

/** Walks a JSON pointer (`/rules/12`) to the object it designates. */
function at(document: unknown, pointer: string): Json | undefined {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
  }
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Json) : undefined;
}

/**
 * The package files with the patch written into its rules files (`active`, `severity` of each
 * rule). Only rules the package owns can be patched: those of shared sheets belong to their package.
 */
export function applyRulePatch(files: PackageFiles, pkg: FormPackage, patch: RulePatch): PackageFiles {
  const self = `${pkg.manifest.id}@${pkg.manifest.version}`;
  const problems: Array<{ ruleId: string; message: string }> = [];
  const documents = new Map<string, unknown>();
  for (const [ruleId, change] of Object.entries(patch)) {
    const rule = pkg.rules.find((r) => r.id === ruleId);
    if (!rule) {
      problems.push({ ruleId, message: `Règle « ${ruleId} » inconnue dans ce formulaire.` });
      continue;
    }
    if (rule.origin !== self) {
      problems.push({ ruleId, message: `La règle « ${ruleId} » appartient à ${rule.origin} : corrigez-la dans ce formulaire.` });
      continue;
    }
    if (change.severity !== undefined && rule.kind === 'computed') {
      problems.push({ ruleId, message: `La règle « ${ruleId} » est un calcul : elle n’a pas de sévérité.` });
      continue;
    }
    if (!documents.has(rule.file)) documents.set(rule.file, JSON.parse(files[rule.file]));
    const target = at(documents.get(rule.file), rule.pointer);
    if (!target) {
      problems.push({ ruleId, message: `La règle « ${ruleId} » est introuvable dans ${rule.file}.` });
      continue;
    }
    if (change.active !== undefined) target.active = change.active;
    if (change.severity !== undefined) target.severity = change.severity;
  }
  if (problems.length > 0) throw unprocessable('Le correctif ne peut pas s’appliquer.', { problems });
  const patched = { ...files };
  for (const [file, document] of documents) patched[file] = `${JSON.stringify(document, null, 2)}\n`;
  return patched;
}

/**
 * Publishes a rule patch of a published version as a new minor version (patch number n+1, on top
 * of the latest patch). In the same transaction, the campaigns of that version and its open
 * statements (draft, reopened) move to it; transmitted statements keep their version.
 */
export async function patchVersion(
  state: AppState,
  actor: Actor | null,
  versionId: number,
  patch: RulePatch,
): Promise<{ version: FormVersion; movedStatements: number }> {
  const { FormVersion: Versions, Campaign } = state.models;
  const target = await Versions.findByPk(versionId, { attributes: ['id', 'formId', 'version', 'status'] });
  if (!target || target.status !== 'published') throw conflict('Seule une version publiée peut recevoir un correctif de règles.');
  const latest = (await Versions.findOne({
    where: { formId: target.formId, version: target.version, status: 'published' },
    order: [['patchNumber', 'DESC']],
  }))!;
  const current = await compilePackage(state, latest.package, { checkSchemas: false });
  if (!current.ok) throw packageInvalid(current.diagnostics);
  const files = applyRulePatch(latest.package, current.value!.package, patch);
  const checked = await compilePackage(state, files, { checkSchemas: false });
  if (!checked.ok) throw packageInvalid(checked.diagnostics);

  return orConflict(
    state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
      const version = await Versions.create(
        {
          formId: latest.formId,
          version: latest.version,
          patchNumber: latest.patchNumber + 1,
          exercice: latest.exercice,
          status: 'published',
          package: files,
          contentHash: canonicalHash(files),
          followsId: latest.followsId,
          patchesId: latest.id,
          patch,
          createdBy: actor?.id ?? null,
          publishedBy: actor?.id ?? null,
          publishedAt: new Date(),
        },
        { transaction },
      );
      const siblings = (await siblingVersionIds(state, latest, transaction)).filter((id) => id !== version.id);
      await Campaign.update({ formVersionId: version.id }, { where: { formVersionId: { [Op.in]: siblings } }, transaction });
      const movedStatements = await moveOpenStatements(state, siblings, version.id, transaction);
      await audit(
        state,
        {
          actor,
          action: 'form.patch',
          objectType: 'form_version',
          objectId: version.id,
          details: { patches: latest.id, patch, contentHash: version.contentHash, movedStatements },
        },
        transaction,
      );
      return { version, movedStatements };
    }),
  );
}
