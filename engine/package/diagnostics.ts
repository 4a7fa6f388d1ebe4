import type { Diagnostic } from '../api';
import { messageFor, type DiagnosticCode } from './messages';

/** Collects diagnostics so that a loader pass reports every problem, not only the first. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(
    code: DiagnosticCode,
    file: string,
    pointer: string | undefined,
    params: Record<string, string | number> = {},
    extra: Partial<Diagnostic> = {},
  ): void {
    const d: Diagnostic = { code, message: messageFor(code, params), file };
    if (pointer !== undefined) d.pointer = pointer;
    this.items.push({ ...d, ...extra });
  }

  push(...diagnostics: Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** French list of values for messages: « a », « b » ou « c ». */
export function frenchList(values: Array<string | number>, conjunction = 'ou'): string {
  const quoted = values.map((v) => `« ${v} »`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}
