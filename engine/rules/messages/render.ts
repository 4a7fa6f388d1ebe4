/**
 * Compiles editor templates in an isolated handlebars environment: known helpers only, escaped
 * output, prototype access left denied (no allowProto* option is ever set).
 */
import Handlebars from 'handlebars';
import { MESSAGE_HELPERS } from './helpers';
import { unsafeTemplateProblems } from './lint';

export type MessageTemplate = (context: Record<string, unknown>) => string;

/** Our helpers, plus the built-in block helpers kept; `lookup` and `log` are switched off. */
const KNOWN_HELPERS: Record<string, boolean> = {
  ...Object.fromEntries(Object.keys(MESSAGE_HELPERS).map((name) => [name, true])),
  lookup: false,
  log: false,
};

export interface MessageEnvironment {
  compile(source: string): MessageTemplate;
}

export function createMessageEnvironment(): MessageEnvironment {
  const hb = Handlebars.create();
  hb.unregisterHelper('lookup');
  hb.unregisterHelper('log');
  for (const [name, helper] of Object.entries(MESSAGE_HELPERS)) {
    hb.registerHelper(name, (...args: unknown[]) => (helper as (...a: unknown[]) => string)(...args.slice(0, -1)));
  }
  const compiled = new Map<string, MessageTemplate>();
  return {
    compile(source: string): MessageTemplate {
      if (typeof source !== 'string') throw new TypeError('template must be a string');
      const known = compiled.get(source);
      if (known) return known;
      if (unsafeTemplateProblems(source).length > 0) throw new TypeError('template uses forbidden syntax');
      // The literal text is escaped too, so that the whole message is HTML-escaped text.
      const program = hb.parse(source);
      escapeContent(program as unknown as TemplateNode, hb.Utils.escapeExpression);
      const template = hb.compile(program, { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, strict: false, noEscape: false });
      const render: MessageTemplate = (context) => {
        try {
          return template(context);
        } catch {
          return '';
        }
      };
      compiled.set(source, render);
      return render;
    },
  };
}

type TemplateNode = {
  type: string;
  value?: unknown;
  original?: unknown;
  body?: TemplateNode[];
  program?: TemplateNode;
  inverse?: TemplateNode;
};

function escapeContent(node: TemplateNode | undefined, escape: (text: string) => string): void {
  if (!node) return;
  if (node.type === 'ContentStatement' && typeof node.value === 'string') {
    node.value = escape(node.value);
    node.original = node.value;
    return;
  }
  for (const child of node.body ?? []) escapeContent(child, escape);
  escapeContent(node.program, escape);
  escapeContent(node.inverse, escape);
}
