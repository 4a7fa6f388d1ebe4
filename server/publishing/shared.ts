import { Op } from 'sequelize';
import type { PackageFiles } from '../../engine/api';
import { LIMITS } from '../../engine/package/limits';
import type { AppState } from '../context';
import type { FormVersion } from '../db/models';

/** `form@version` of every sheet a package takes by reference from another package. */
export function sharedRefs(files: PackageFiles): Array<{ form: string; version: string }> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(files['manifest.json'] ?? 'null');
  } catch {
    return [];
  }
  const sheets = (manifest as { sheets?: unknown })?.sheets;
  if (!Array.isArray(sheets)) return [];
  const refs = new Map<string, { form: string; version: string }>();
  for (const sheet of sheets) {
    const shared = (sheet as { shared?: { form?: unknown; version?: unknown } })?.shared;
    if (typeof shared?.form === 'string' && typeof shared.version === 'string')
      refs.set(`${shared.form}@${shared.version}`, { form: shared.form, version: shared.version });
  }
  return [...refs.values()];
}

/** The published version (its latest rule patch) of `form@version`, or null. */
export async function latestPublished(state: AppState, form: string, version: string, attributes?: string[]): Promise<FormVersion | null> {
  const owner = await state.models.Form.findOne({ where: { code: form } });
  if (!owner) return null;
  return state.models.FormVersion.findOne({
    where: { formId: owner.id, version, status: 'published', patchNumber: { [Op.gte]: 0 } },
    order: [['patchNumber', 'DESC']],
    ...(attributes ? { attributes } : {}),
  });
}

export interface SharedPackages {
  /** Synchronous resolver for the engine's loader. */
  resolve(form: string, version: string): PackageFiles | undefined;
  /** `form@version#hash` of each resolved package, to key caches. */
  fingerprint: string;
}

/**
 * Fetches, from published versions only, every package a package's shared sheets refer to
 * (transitively, as deep as the engine allows), so that the engine's resolver can stay synchronous.
 */
export async function fetchSharedPackages(state: AppState, files: PackageFiles): Promise<SharedPackages> {
  const found = new Map<string, { files: PackageFiles; hash: string }>();
  let frontier = sharedRefs(files);
  for (let depth = 0; depth < LIMITS.maxSharedDepth && frontier.length > 0; depth += 1) {
    const next: typeof frontier = [];
    for (const ref of frontier) {
      const key = `${ref.form}@${ref.version}`;
      if (found.has(key)) continue;
      const version = await latestPublished(state, ref.form, ref.version);
      if (!version) continue;
      found.set(key, { files: version.package, hash: version.contentHash });
      next.push(...sharedRefs(version.package));
    }
    frontier = next;
  }
  return {
    resolve: (form, version) => found.get(`${form}@${version}`)?.files,
    fingerprint: [...found.entries()]
      .map(([key, v]) => `${key}#${v.hash}`)
      .sort()
      .join(','),
  };
}
