import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment bytes on disk under the storage folder, named by a generated id (never the client's
 * file name, so no path can be injected). Files are written to a temporary name then renamed, so a
 * crash never leaves a half-written attachment under a real id.
 */
export class FileStore {
  constructor(private readonly dir: string) {}

  async put(bytes: Buffer): Promise<{ storageKey: string; sha256: string; size: number }> {
    await fs.mkdir(this.dir, { recursive: true });
    const storageKey = crypto.randomUUID();
    const tmp = path.join(this.dir, `.${storageKey}.tmp`);
    await fs.writeFile(tmp, bytes, { flag: 'wx', mode: 0o600 });
    await fs.rename(tmp, this.pathOf(storageKey));
    return { storageKey, sha256: sha256(bytes), size: bytes.length };
  }

  read(storageKey: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(storageKey));
  }

  async remove(storageKey: string): Promise<void> {
    await fs.rm(this.pathOf(storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    if (!/^[0-9a-f-]{36}$/.test(storageKey)) throw new Error(`invalid storage key ${storageKey}`);
    return path.join(this.dir, storageKey);
  }
}

export function sha256(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * A file name safe to echo in Content-Disposition: no path, no control characters, no quotes;
 * the UTF-8 original goes in `filename*`, an ASCII fallback in `filename`.
 */
export function contentDisposition(clientName: string, fallbackExtension: string): string {
  const cleaned = [...displayName(clientName)]
    .filter((ch) => !'"<>|:*?'.includes(ch))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  const name = cleaned || `piece.${fallbackExtension}`;
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[%;\\]/g, '_') || `piece.${fallbackExtension}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const isControl = (ch: string) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f;

/** The client's file name kept for display only: no path, no control characters, bounded. */
export function displayName(clientName: string | undefined | null): string {
  const base = (clientName ?? '').split(/[\\/]/).pop() ?? '';
  return [...base]
    .filter((ch) => !isControl(ch))
    .join('')
    .trim()
    .slice(0, 200);
}
