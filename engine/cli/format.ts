/** Prints diagnostics the way editors' tools expect: `file:line:col: message [code]`. */
import * as path from 'path';
import type { Diagnostic, PackageFiles } from '../api';
import { parseJson, positionAt, type JsonParseResult } from '../package/json/parse';

const parsedFiles = new WeakMap<PackageFiles, Map<string, JsonParseResult>>();

/** Each file is parsed once however many diagnostics point into it. */
function parsedFile(files: PackageFiles, file: string): JsonParseResult | undefined {
  let cache = parsedFiles.get(files);
  if (!cache) parsedFiles.set(files, (cache = new Map()));
  if (!cache.has(file)) cache.set(file, parseJson(files[file]));
  return cache.get(file);
}

/** Position of the diagnostic in its file: JSON syntax errors carry it; others are located by pointer. */
export function filePosition(d: Diagnostic, files: PackageFiles): { line: number; column: number } | undefined {
  if (d.pointer === undefined) return d.line !== undefined ? { line: d.line, column: d.column ?? 1 } : undefined;
  const text = files[d.file];
  if (typeof text !== 'string') return undefined;
  const parsed = parsedFile(files, d.file);
  if (!parsed?.ok) return undefined;
  let pointer = d.pointer;
  let offset = parsed.json.positions.get(pointer);
  while (offset === undefined && pointer !== '') {
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    offset = parsed.json.positions.get(pointer);
  }
  if (offset === undefined) return undefined;
  // Inside an expression (a one-line JSON string without escapes): move to the column reported.
  if (pointer === d.pointer && d.line === 1 && d.column !== undefined && text[offset] === '"') {
    const end = text.indexOf('"', offset + 1);
    const raw = text.slice(offset + 1, end);
    if (!raw.includes('\\') && d.column - 1 <= raw.length) offset += d.column;
  }
  const { line, column } = positionAt(text, offset);
  return { line, column };
}

export function formatDiagnostic(d: Diagnostic, dir: string, files: PackageFiles): string {
  const file = path.join(dir, d.file);
  const rule = d.ruleId ? ` (règle ${d.ruleId})` : '';
  const position = filePosition(d, files);
  if (position) return `${file}:${position.line}:${position.column}: ${d.message}${rule} [${d.code}]`;
  if (d.pointer) return `${file}#${d.pointer}: ${d.message}${rule} [${d.code}]`;
  return `${file}: ${d.message}${rule} [${d.code}]`;
}
