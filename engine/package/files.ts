/** Access to a package's raw files with the size and syntax checks every reader needs. */
import type { PackageFiles } from '../api';
import type { DiagnosticBag } from './diagnostics';
import { parseJson } from './json/parse';
import { lastPointerToken } from './json/pointer';
import { LIMITS, byteLength } from './limits';

export class PackageReader {
  constructor(
    readonly files: PackageFiles,
    private readonly bag: DiagnosticBag,
  ) {}

  has(path: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.files, path) && typeof this.files[path] === 'string';
  }

  /** Text of `path`, or undefined after reporting FILE_MISSING (at `referrer`) or FILE_TOO_LARGE. */
  text(path: string, referrer?: { file: string; pointer: string }): string | undefined {
    if (!this.has(path)) {
      this.bag.add('FILE_MISSING', referrer?.file ?? path, referrer?.pointer, { path });
      return undefined;
    }
    const text = this.files[path];
    const size = byteLength(text);
    if (size > LIMITS.maxFileBytes) {
      this.bag.add('FILE_TOO_LARGE', path, undefined, { actual: size, limit: LIMITS.maxFileBytes });
      return undefined;
    }
    return text;
  }

  /** Parsed JSON of `path` (duplicate keys reported), or undefined after reporting why not. */
  json(path: string, referrer?: { file: string; pointer: string }): { value: unknown } | undefined {
    const text = this.text(path, referrer);
    if (text === undefined) return undefined;
    const parsed = parseJson(text, LIMITS.maxJsonDepth);
    if (!parsed.ok) {
      const { line, column, message, kind } = parsed.error;
      this.bag.add(kind === 'depth' ? 'JSON_TOO_DEEP' : 'JSON_SYNTAX', path, undefined, { detail: message }, { line, column });
      return undefined;
    }
    for (const pointer of parsed.json.duplicateKeys) {
      this.bag.add('JSON_DUPLICATE_KEY', path, pointer, { key: lastPointerToken(pointer) });
    }
    return { value: parsed.json.value };
  }
}
