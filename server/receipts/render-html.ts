import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ReceiptData } from './receipt-data';

const DEFAULT_TEMPLATE = fs.readFileSync(path.join(__dirname, 'default-receipt.hbs'), 'utf8');
const MAX_OUTPUT = 1_000_000;

/**
 * Renders a récépissé with the package's `receipt` template, or the default one. Templates are
 * written by form editors, so they are treated as untrusted: string source only (never a
 * pre-parsed AST), a fresh isolated Handlebars environment per render with only the built-in block
 * helpers known, no prototype access options, plain JSON data as context, escaped output.
 */
export function renderReceiptHtml(data: ReceiptData, packageTemplate?: string): string {
  const source = packageTemplate ?? DEFAULT_TEMPLATE;
  if (typeof source !== 'string') throw new TypeError('receipt template must be a string');
  if (/\{\{\{|\{\{~?\s*[&>]/.test(source)) throw new Error('receipt template uses raw output or partials');
  const env = Handlebars.create();
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');
  const template = env.compile(source, {
    knownHelpersOnly: true,
    knownHelpers: { if: true, unless: true, each: true, with: true, lookup: false, log: false },
    noEscape: false,
    strict: false,
  });
  const context = JSON.parse(JSON.stringify(data)) as ReceiptData;
  const html = template(context);
  if (html.length > MAX_OUTPUT) throw new Error('receipt output too large');
  return html;
}
