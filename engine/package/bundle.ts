/** The one-file form of a package, for upload: `{ "format": "harmonia-form-package@1", "files": { path: text } }`. */
import type { LoadResult, PackageBundle, PackageFiles } from '../api';
import { DiagnosticBag } from './diagnostics';
import { parseJson } from './json/parse';
import { joinPointer } from './json/pointer';
import { FILE_PATH_PATTERN, matches } from './formats';
import { LIMITS } from './limits';

export const BUNDLE_FORMAT = 'harmonia-form-package@1';
const BUNDLE_FILE = '(paquet)';

export function isPackageBundle(value: unknown): value is PackageBundle {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BUNDLE_FORMAT;
}

/** Bundle of a package's files; test fixtures (`fixtures/`) are not part of a published package. */
export function bundleFromFiles(files: PackageFiles): PackageBundle {
  const kept = Object.keys(files)
    .filter((p) => !p.startsWith('fixtures/'))
    .sort();
  return { format: BUNDLE_FORMAT, files: Object.fromEntries(kept.map((p) => [p, files[p]])) };
}

/** Checks a bundle's envelope and file names and returns its files. */
export function filesFromBundle(value: unknown): LoadResult<PackageFiles> {
  const bag = new DiagnosticBag();
  const v = value as { format?: unknown; files?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    bag.add('BUNDLE_INVALID', BUNDLE_FILE, '', { detail: 'un objet { "format", "files" } est attendu.' });
  } else {
    if (v.format !== BUNDLE_FORMAT)
      bag.add('BUNDLE_INVALID', BUNDLE_FILE, '/format', { detail: `« format » doit valoir "${BUNDLE_FORMAT}".` });
    const extra = Object.keys(value).filter((k) => k !== 'format' && k !== 'files');
    for (const k of extra) bag.add('BUNDLE_INVALID', BUNDLE_FILE, joinPointer('', k), { detail: `propriété inconnue « ${k} ».` });
    if (typeof v.files !== 'object' || v.files === null || Array.isArray(v.files)) {
      bag.add('BUNDLE_INVALID', BUNDLE_FILE, '/files', { detail: '« files » doit être un objet « chemin » → contenu texte.' });
    } else {
      for (const [path, content] of Object.entries(v.files)) {
        const at = joinPointer('/files', path);
        if (!matches(FILE_PATH_PATTERN, path) || path.length > 200) bag.add('FILE_PATH_INVALID', BUNDLE_FILE, at, { path });
        if (typeof content !== 'string')
          bag.add('BUNDLE_INVALID', BUNDLE_FILE, at, { detail: `le contenu de « ${path} » doit être du texte.` });
      }
    }
  }
  return bag.empty ? { ok: true, value: v.files as PackageFiles, diagnostics: [] } : { ok: false, diagnostics: bag.items };
}

/** Parses the JSON text of a bundle (e.g. an uploaded file) and returns its files. */
export function parseBundle(text: string): LoadResult<PackageFiles> {
  const parsed = parseJson(text, LIMITS.maxJsonDepth);
  if (!parsed.ok) {
    const bag = new DiagnosticBag();
    const { line, column, message, kind } = parsed.error;
    bag.add(kind === 'depth' ? 'JSON_TOO_DEEP' : 'JSON_SYNTAX', BUNDLE_FILE, undefined, { detail: message }, { line, column });
    return { ok: false, diagnostics: bag.items };
  }
  return filesFromBundle(parsed.json.value);
}
