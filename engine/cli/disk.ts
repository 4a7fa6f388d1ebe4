/** The only engine code that touches the disk: reads package folders and finds shared packages. */
import * as fs from 'fs';
import * as path from 'path';
import type { PackageFiles } from '../api';
import { LIMITS } from '../package/limits';

const SKIPPED_DIRS = new Set(['fixtures', 'node_modules']);

/** Every file of a package folder (text), keyed by `/`-separated relative path; test fixtures excluded. */
export function readPackageDir(dir: string): PackageFiles {
  const files: PackageFiles = {};
  let count = 0;
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!(rel === '' && SKIPPED_DIRS.has(entry.name))) walk(path.join(abs, entry.name), relPath);
      } else if (entry.isFile()) {
        // Reading stops past the limit; the loader then reports PACKAGE_TOO_LARGE.
        if (++count > LIMITS.maxFiles + 1) return;
        files[relPath] = fs.readFileSync(path.join(abs, entry.name), 'utf8');
      }
    }
  };
  walk(dir, '');
  return files;
}

export function isPackageDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

/** Package folders at or below `dir` (a catalogue `forms/`, an exercice folder, or a package), sorted. */
export function findPackageDirs(dir: string, depth = 3): string[] {
  if (isPackageDir(dir)) return [dir];
  if (depth === 0 || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => findPackageDirs(path.join(dir, e.name), depth - 1));
}

/**
 * Finds shared packages in the catalogue layout `forms/<exercice>/<form>/`: the package of
 * `form` whose manifest declares `version`, searched in every exercice folder next to `dir`'s.
 */
export function sharedResolverFor(dir: string): (form: string, version: string) => PackageFiles | undefined {
  const root = path.resolve(dir, '..', '..');
  return (form, version) => {
    if (!fs.existsSync(root)) return undefined;
    for (const exercice of fs.readdirSync(root, { withFileTypes: true })) {
      if (!exercice.isDirectory()) continue;
      const candidate = path.join(root, exercice.name, form);
      const manifest = path.join(candidate, 'manifest.json');
      if (!fs.existsSync(manifest)) continue;
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: unknown }).version === version) return readPackageDir(candidate);
      } catch {
        continue; // an unreadable manifest is reported when that package itself is validated
      }
    }
    return undefined;
  };
}
