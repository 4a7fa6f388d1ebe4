import type { CompiledForm } from '../../engine';
import { LIMITS } from '../../engine/package/limits';
import type { AppState } from '../context';
import { notFound } from '../http/errors';
import { compilePackage } from './compile';
import { latestPublished, sharedRefs } from './shared';

/**
 * Compiled forms, keyed by content: the version's hash plus the hashes of the packages its shared
 * sheets come from. Content-addressed, so the cache is never stale and may be shared by every app
 * of the process; it is bounded, least recently used first out. A hit costs a few small queries
 * (hashes only, never the package JSON).
 */
const MAX_ENTRIES = 64;
const compiledByKey = new Map<string, Promise<CompiledForm>>();
const refsByHash = new Map<string, Array<{ form: string; version: string }>>();

function touch<V>(map: Map<string, V>, key: string, value: V, max: number) {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as string);
}

async function refsOf(state: AppState, versionId: number, contentHash: string) {
  const known = refsByHash.get(contentHash);
  if (known) return known;
  const version = await state.models.FormVersion.findByPk(versionId, { attributes: ['id', 'package'] });
  const refs = version ? sharedRefs(version.package) : [];
  touch(refsByHash, contentHash, refs, 1024);
  return refs;
}

/** `form@version#hash,…` of the published packages a version's shared sheets resolve to today. */
async function sharedFingerprint(state: AppState, versionId: number, contentHash: string): Promise<string> {
  const seen = new Map<string, string>();
  let frontier = await refsOf(state, versionId, contentHash);
  for (let depth = 0; depth < LIMITS.maxSharedDepth && frontier.length > 0; depth += 1) {
    const next: typeof frontier = [];
    for (const ref of frontier) {
      const key = `${ref.form}@${ref.version}`;
      if (seen.has(key)) continue;
      const target = await latestPublished(state, ref.form, ref.version, ['id', 'contentHash']);
      if (!target) continue;
      seen.set(key, target.contentHash);
      next.push(...(await refsOf(state, target.id, target.contentHash)));
    }
    frontier = next;
  }
  return [...seen.entries()]
    .map(([key, hash]) => `${key}#${hash}`)
    .sort()
    .join(',');
}

/** The compiled form of a stored version (draft or published), ready for `evaluate`. Throws 404 for an unknown version. */
export async function getCompiledForm(state: AppState, formVersionId: number): Promise<CompiledForm> {
  const version = await state.models.FormVersion.findByPk(formVersionId, { attributes: ['id', 'contentHash'] });
  if (!version) throw notFound('Version de formulaire introuvable.');
  const key = `${version.contentHash}|${await sharedFingerprint(state, version.id, version.contentHash)}`;
  const hit = compiledByKey.get(key);
  if (hit) {
    touch(compiledByKey, key, hit, MAX_ENTRIES);
    return hit;
  }
  const compiled = (async () => {
    const full = await state.models.FormVersion.findByPk(formVersionId);
    const result = await compilePackage(state, full!.package, { checkSchemas: false });
    if (!result.ok) {
      const codes = result.diagnostics.map((d) => `${d.code} ${d.file}${d.pointer ?? ''}`).join('; ');
      throw new Error(`form version ${formVersionId} does not compile: ${codes}`);
    }
    return result.value!;
  })();
  compiled.catch(() => compiledByKey.delete(key));
  touch(compiledByKey, key, compiled, MAX_ENTRIES);
  return compiled;
}
