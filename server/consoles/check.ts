import type { Diagnostic, PackageFiles } from '../../engine/api';
import { loadPackage } from '../../engine/package';
import type { AppState } from '../context';
import { compilePackage } from '../publishing/compile';
import { fetchSharedPackages, sharedRefs } from '../publishing/shared';

export interface FieldReference {
  /** `SHEET.path`, as rules write it. */
  ref: string;
  code: string;
  type: string;
  title: string;
  table: boolean;
}

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Every field the rules may reference, for the editor's completion (empty when the sheets do not load). */
  fields: FieldReference[];
  sheets: Array<{ id: string; title: string }>;
  /** Packages of the shared sheets, `form@version` → files, so the browser can compile the preview itself. */
  dependencies: Record<string, PackageFiles>;
}

function dependenciesOf(
  files: PackageFiles,
  resolve: (form: string, version: string) => PackageFiles | undefined,
): Record<string, PackageFiles> {
  const found: Record<string, PackageFiles> = {};
  let frontier = sharedRefs(files);
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const ref of frontier) {
      const key = `${ref.form}@${ref.version}`;
      const dep = found[key] ? undefined : resolve(ref.form, ref.version);
      if (!dep) continue;
      found[key] = dep;
      next.push(...sharedRefs(dep));
    }
    frontier = next;
  }
  return found;
}

/**
 * Checks a package as the editor types, with exactly what publishing will apply (schemas
 * meta-validated, rules compiled, shared sheets resolved from published versions). The fields come
 * from the sheets alone, so completion keeps working while a rule is broken.
 */
export async function checkPackage(state: AppState, files: PackageFiles): Promise<CheckResult> {
  const compiled = await compilePackage(state, files, { checkSchemas: true });
  const shared = await fetchSharedPackages(state, files);
  const loaded = loadPackage(files, { resolveShared: shared.resolve });
  const pkg = loaded.value;
  return {
    ok: compiled.ok,
    diagnostics: compiled.diagnostics,
    fields: (pkg?.fields ?? []).map((f) => ({
      ref: `${f.sheet}.${f.path}`,
      code: f.code,
      type: f.type,
      title: f.title,
      table: f.table !== undefined,
    })),
    sheets: (pkg?.sheets ?? []).map((s) => ({ id: s.id, title: s.title })),
    dependencies: dependenciesOf(files, shared.resolve),
  };
}

/** The owner a package claims, read leniently (the check itself reports a broken manifest). */
export function claimedOwner(files: PackageFiles): string | null {
  try {
    const owner = (JSON.parse(files['manifest.json'] ?? 'null') as { owner?: unknown } | null)?.owner;
    return typeof owner === 'string' ? owner : null;
  } catch {
    return null;
  }
}
