/** Upload-time lint of editor handlebars templates: text only, escaped output, no partials. */
import Handlebars from 'handlebars';

/** French problems found in a template; empty when it may be stored. */
export function lintTemplate(source: string): { unsafe: string[]; syntax?: string } {
  const unsafe: string[] = [];
  if (/\{\{~?\{/.test(source)) unsafe.push('les triples accolades « {{{ … }}} » (sortie non échappée) sont interdites.');
  if (/\{\{~?\s*&/.test(source)) unsafe.push('« {{& … }} » (sortie non échappée) est interdit.');
  if (/\{\{~?\s*#?\s*>/.test(source)) unsafe.push('les partiels « {{> … }} » sont interdits.');
  if (/\{\{~?\s*#\*/.test(source)) unsafe.push('les décorateurs « {{#* … }} » sont interdits.');
  try {
    Handlebars.parse(source);
    return { unsafe };
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0];
    return { unsafe, syntax: first };
  }
}
