/** What every command shares: output, and loading a package folder with shared sheets and ajv checks. */
import * as path from 'path';
import type { LoadResult, PackageFiles } from '../api';
import { loadForm, type CompiledForm } from '../package/loadForm';
import { validateSheetSchemas } from '../package/schemaDialect';
import { readPackageDir, isPackageDir, sharedResolverFor } from './disk';
import { formatDiagnostic } from './format';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Writes a file (for `types --out`). */
  writeFile(file: string, content: string): void;
}

export class UsageError extends Error {}

export interface LoadedDir {
  dir: string;
  files: PackageFiles;
  result: LoadResult<CompiledForm>;
}

export function loadDir(dir: string): LoadedDir {
  if (!isPackageDir(dir)) throw new UsageError(`« ${dir} » n'est pas un dossier de paquet (manifest.json introuvable).`);
  const files = readPackageDir(dir);
  const result = loadForm(files, { resolveShared: sharedResolverFor(dir), validateSchemas: validateSheetSchemas });
  return { dir, files, result };
}

/** Prints the diagnostics of a failed load; returns the form when the package is valid. */
export function requireForm(loaded: LoadedDir, io: CliIO): CompiledForm | undefined {
  if (loaded.result.ok) return loaded.result.value;
  for (const d of loaded.result.diagnostics) io.err(formatDiagnostic(d, loaded.dir, loaded.files));
  io.err(`✗ ${path.normalize(loaded.dir)} : ${loaded.result.diagnostics.length} erreur(s), paquet invalide.`);
  return undefined;
}
