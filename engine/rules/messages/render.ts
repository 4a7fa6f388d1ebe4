/**
 * Editor templates: parsed once by handlebars, linted (known helpers only, no triple braces, no
 * partials, no prototype paths), then interpreted — never compiled to code — with every output,
 * literal text included, HTML-escaped.
 */
import Handlebars from 'handlebars';
import { MESSAGE_HELPERS } from './helpers';
import { renderProgram, type Helper } from './interpret';
import { unsafeTemplateProblems } from './lint';

export type MessageTemplate = (context: Record<string, unknown>) => string;

export interface MessageEnvironment {
  compile(source: string): MessageTemplate;
}

export function createMessageEnvironment(): MessageEnvironment {
  const helpers: Record<string, Helper> = { ...(MESSAGE_HELPERS as Record<string, Helper>) };
  const compiled = new Map<string, MessageTemplate>();
  return {
    compile(source: string): MessageTemplate {
      if (typeof source !== 'string') throw new TypeError('template must be a string');
      const known = compiled.get(source);
      if (known) return known;
      if (unsafeTemplateProblems(source).length > 0) throw new TypeError('template uses forbidden syntax');
      const program = Handlebars.parse(source) as unknown as Parameters<typeof renderProgram>[0];
      const render: MessageTemplate = (context) => {
        try {
          return renderProgram(program, context, helpers);
        } catch {
          return '';
        }
      };
      compiled.set(source, render);
      return render;
    },
  };
}
