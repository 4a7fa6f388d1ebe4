/** The files of the next exercice's version, started from a published one: same content, manifest moved on a year. */
import type { PackageFiles } from '../../../engine';

export function nextVersionFiles(files: PackageFiles): PackageFiles {
  const manifest = JSON.parse(files['manifest.json']) as { id: string; version: string; exercice: number; follows?: string };
  const exercice = manifest.exercice + 1;
  const next = { ...manifest, version: `${exercice}.1`, exercice, follows: `${manifest.id}@${manifest.version}` };
  return { ...files, 'manifest.json': `${JSON.stringify(next, null, 2)}\n` };
}

/** Files listed manifest first, then sheets, rules and templates in order. */
export function orderedFiles(files: PackageFiles): string[] {
  const rank = (p: string) => (p === 'manifest.json' ? 0 : p.startsWith('sheets/') ? 1 : p.endsWith('.json') ? 2 : 3);
  return Object.keys(files).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
