/** Where an engine diagnostic sits in a file's text, for the code editor's underline. */
import type { Diagnostic } from '../../../engine';
import { locatePointer, parseJson } from '../../../engine';

export interface TextRange {
  from: number;
  to: number;
}

function offsetOfLine(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** End of the JSON value starting at `from`: a whole string literal, else the token. */
function valueEnd(text: string, from: number): number {
  if (text[from] === '"') {
    for (let i = from + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return text.length;
  }
  const m = /^[^,\]}\s]+/.exec(text.slice(from));
  return from + Math.max(1, m ? m[0].length : 1);
}

/**
 * The range of a diagnostic: inside an expression when the engine gives a line and column there
 * (the value is a JSON string, so one character after its opening quote), on the value its JSON
 * pointer designates, or at the line and column of the file for syntax errors.
 */
export function diagnosticRange(text: string, d: Diagnostic): TextRange {
  if (d.pointer !== undefined) {
    const at = locatePointer(text, d.pointer);
    if (at) {
      const end = valueEnd(text, at.offset);
      if (d.line !== undefined && d.column !== undefined && text[at.offset] === '"') {
        const start = Math.min(end - 1, offsetOfLine(text.slice(at.offset + 1), d.line, d.column) + at.offset + 1);
        const word = /^[A-Za-z0-9_.:*']+/.exec(text.slice(start));
        return { from: start, to: Math.min(end, start + Math.max(1, word ? word[0].length : 1)) };
      }
      return { from: at.offset, to: end };
    }
  }
  if (d.line !== undefined && d.column !== undefined) {
    const from = offsetOfLine(text, d.line, d.column);
    return { from, to: Math.min(text.length, from + 1) };
  }
  return { from: 0, to: Math.min(text.length, 1) };
}

/** A JSON syntax error of a file, found here and now (the server's check comes a moment later). */
export function localSyntaxDiagnostic(file: string, text: string): Diagnostic | null {
  if (!file.endsWith('.json')) return null;
  const parsed = parseJson(text);
  if (parsed.ok) return null;
  return { code: 'JSON_SYNTAX', message: parsed.error.message, file, line: parsed.error.line, column: parsed.error.column };
}
