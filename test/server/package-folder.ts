import fs from 'node:fs';
import path from 'node:path';
import type { PackageFiles } from '../../engine/api';
import { loadPackage } from '../../engine/package';
import type { FormPackage } from '../../engine/package/model';

/** The files of a package folder (fixtures excluded), as publishing would store them. */
export function readPackageFolder(dir: string): PackageFiles {
  const files: PackageFiles = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (rel !== 'fixtures') walk(rel);
      } else files[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return files;
}

/** Loads a package folder whose shared sheets live next to it (`<root>/<exercice>/<form>`). */
export function loadPackageFolder(dir: string): FormPackage {
  const root = path.resolve(dir, '../..');
  const exercice = path.basename(path.dirname(dir));
  const result = loadPackage(readPackageFolder(dir), {
    resolveShared: (form) => {
      const shared = path.join(root, exercice, form);
      return fs.existsSync(shared) ? readPackageFolder(shared) : undefined;
    },
  });
  if (!result.ok || !result.value) throw new Error(`package ${dir} does not load: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  return result.value;
}

export const DEMO_PACKAGE_DIR = path.resolve(__dirname, '../../engine/cli/__fixtures__/forms/2025/er-demo');
