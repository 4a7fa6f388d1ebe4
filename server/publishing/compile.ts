import type { LoadResult, PackageFiles } from '../../engine/api';
import { loadForm, type CompiledForm } from '../../engine';
import { validateSheetSchemas } from '../../engine/package/schemaDialect';
import type { AppState } from '../context';
import { fetchSharedPackages } from './shared';

/**
 * Loads and compiles package files with the engine, shared sheets resolved from published
 * versions. `checkSchemas` adds the draft 2020-12 meta-validation (ajv): at upload and publication,
 * not needed again for a version already checked.
 */
export async function compilePackage(
  state: AppState,
  files: PackageFiles,
  { checkSchemas }: { checkSchemas: boolean },
): Promise<LoadResult<CompiledForm> & { fingerprint: string }> {
  const shared = await fetchSharedPackages(state, files);
  const result = loadForm(files, { resolveShared: shared.resolve, ...(checkSchemas ? { validateSchemas: validateSheetSchemas } : {}) });
  return { ...result, fingerprint: shared.fingerprint };
}
