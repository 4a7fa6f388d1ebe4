import type { Context } from 'koa';
import { unzipSync } from 'fflate';
import type { Diagnostic, PackageFiles } from '../../engine/api';
import { filesFromBundle } from '../../engine/package';
import { LIMITS } from '../../engine/package/limits';
import { ApiError, unprocessable } from '../http/errors';

/** Upload size limits: the compressed request, and what a zip may expand to (zip bombs). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = LIMITS.maxTotalBytes;

const PACKAGE = '(paquet)';
const invalid = (diagnostics: Diagnostic[]) => unprocessable('Le paquet de formulaire contient des erreurs.', { diagnostics });
const diagnostic = (code: string, message: string): Diagnostic => ({ code, message, file: PACKAGE });

async function readRaw(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > limit) throw new ApiError(413, 'too_large', 'Le paquet envoyé est trop volumineux (10 Mo au plus).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, 'too_large', 'Le paquet envoyé est trop volumineux (10 Mo au plus).');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Files of a zip: checked sizes before inflating, text only, a single top folder stripped, fixtures left out. */
export function filesFromZip(data: Uint8Array): PackageFiles {
  let total = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter(file) {
        count += 1;
        total += file.originalSize;
        if (count > LIMITS.maxFiles || total > MAX_UNZIPPED_BYTES) throw new RangeError('zip too large');
        return !file.name.endsWith('/');
      },
    });
  } catch (err) {
    const message =
      err instanceof RangeError
        ? `L’archive dépasse les limites (${LIMITS.maxFiles} fichiers, ${MAX_UNZIPPED_BYTES / 1024 / 1024} Mo une fois décompressée).`
        : 'L’archive zip est illisible.';
    throw invalid([diagnostic('ZIP_INVALID', message)]);
  }
  const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/'));
  const top = names.every((n) => n.includes('/')) ? names[0]?.split('/')[0] : undefined;
  const prefix = top && names.every((n) => n.startsWith(`${top}/`)) ? `${top}/` : '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: PackageFiles = {};
  const problems: Diagnostic[] = [];
  for (const name of names) {
    const path = name.slice(prefix.length);
    if (path.startsWith('fixtures/')) continue;
    try {
      files[path] = decoder.decode(entries[name]);
    } catch {
      problems.push({ ...diagnostic('FILE_NOT_TEXT', `Le fichier « ${path} » n’est pas du texte UTF-8.`), file: path });
    }
  }
  if (problems.length > 0) throw invalid(problems);
  return files;
}

/**
 * The package files of an upload: a JSON bundle (`application/json`, `{ format, files }`) or a zip
 * of the package folder (`application/zip`). Every problem comes back as a 422 with diagnostics.
 */
export async function readPackageUpload(ctx: Context): Promise<PackageFiles> {
  const raw = await readRaw(ctx, MAX_UPLOAD_BYTES);
  if (ctx.request.is('application/zip', 'application/x-zip-compressed', 'application/octet-stream')) return filesFromZip(raw);
  if (!ctx.request.is('json')) throw new ApiError(415, 'unsupported_media_type', 'Envoyez le paquet en JSON (bundle) ou en zip.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'), (key, value) => (key === '__proto__' ? undefined : value));
  } catch {
    throw invalid([diagnostic('JSON_SYNTAX', 'Le bundle n’est pas un JSON valide.')]);
  }
  const files = filesFromBundle(parsed);
  if (!files.ok) throw invalid(files.diagnostics);
  return Object.fromEntries(Object.entries(files.value!).filter(([path]) => !path.startsWith('fixtures/')));
}
