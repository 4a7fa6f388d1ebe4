import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ReceiptData } from './receipt-data';

const LAYOUT = fs.readFileSync(path.join(__dirname, 'default-receipt.hbs'), 'utf8');
const MAX_OUTPUT = 1_000_000;
const ALLOWED_TAGS = /^<\/?(p|br|strong|em|ul|ol|li|h2|h3)\s*\/?>/i;

/**
 * The récépissé as HTML: the platform's layout (number, organisation, version, date, hash,
 * recipients — always present), with the package's `receipt` template, when it has one, rendered
 * as its introduction. Editor templates are untrusted: string source only (never a pre-parsed AST),
 * a fresh isolated Handlebars environment per render, only the built-in block helpers, no
 * `lookup`, no prototype access options, plain JSON context, escaped output, and only a few
 * attribute-less tags (p, br, strong, em, lists, h2, h3) let through from the rendered text.
 */
export function renderReceiptHtml(data: ReceiptData, packageTemplate?: string): string {
  const context = templateContext(data);
  const introduction = packageTemplate === undefined ? '' : allowlistTags(render(packageTemplate, context));
  const html = render(LAYOUT, { ...context, introduction: introduction ? new Handlebars.SafeString(introduction) : undefined });
  if (html.length > MAX_OUTPUT) throw new Error('receipt output too large');
  return html;
}

/** The data under English keys (the layout) and the French names editors use in rule messages. */
function templateContext(data: ReceiptData): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(data)) as ReceiptData;
  return {
    ...plain,
    organisme: { nom: plain.organisation.name, siren: plain.organisation.siren },
    campagne: { exercice: plain.form.exercice },
    formulaire: { code: plain.form.id, titre: plain.form.title, version: plain.form.version },
    recepisse: { numero: plain.receiptNumber, date: plain.transmittedAtText, empreinte: plain.sha256, hors_delai: plain.late },
    destinataires: plain.recipients,
    signataire: plain.signatory,
  };
}

function render(source: string, context: Record<string, unknown>): string {
  if (typeof source !== 'string') throw new TypeError('receipt template must be a string');
  if (/\{\{~?\{|\{\{~?\s*[&>]|\{\{~?\s*#\*/.test(source)) throw new Error('receipt template uses raw output, partials or decorators');
  const env = Handlebars.create();
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');
  const template = env.compile(source, {
    knownHelpersOnly: true,
    knownHelpers: { if: true, unless: true, each: true, with: true, lookup: false, log: false },
  });
  const out = template(context);
  if (out.length > MAX_OUTPUT) throw new Error('receipt output too large');
  return out;
}

/** Escapes every `<` except those opening an allowed, attribute-less tag. */
export function allowlistTags(html: string): string {
  let out = '';
  for (let i = 0; i < html.length; i++) {
    if (html[i] !== '<') {
      out += html[i];
      continue;
    }
    const match = ALLOWED_TAGS.exec(html.slice(i, i + 12));
    if (match) {
      out += match[0].toLowerCase();
      i += match[0].length - 1;
    } else out += '&lt;';
  }
  return out;
}
