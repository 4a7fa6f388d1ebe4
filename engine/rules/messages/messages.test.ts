import fc from 'fast-check';
import Handlebars from 'handlebars';
import { compileRules, evaluate } from '..';
import { packageBuilder, testContext } from '../testing';
import { createMessageEnvironment, date, euros, lintTemplate, nombre, pourcent } from '.';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('helpers', () => {
  it('format for French readers', () => {
    expect(euros(1234567)).toBe(`1${NNBSP}234${NNBSP}567${NBSP}€`);
    expect(euros(12.5)).toBe(`12,50${NBSP}€`);
    expect(euros(null)).toBe('—');
    expect(nombre(1234.567)).toBe(`1${NNBSP}234,57`);
    expect(nombre(1234.567, 3)).toBe(`1${NNBSP}234,567`);
    expect(pourcent(0.125)).toBe(`12,5${NBSP}%`);
    expect(date('2025-12-31')).toBe('31/12/2025');
    expect(date('31/12/2025')).toBe('—');
  });
});

describe('message templates', () => {
  const env = createMessageEnvironment();

  it('render without generating code, as the browser’s Content Security Policy requires', () => {
    // Every path from a template to generated code goes through this compiler.
    const compiler = (Handlebars as unknown as { JavaScriptCompiler: { prototype: { compile(): unknown } } }).JavaScriptCompiler;
    const codegen = jest.spyOn(compiler.prototype, 'compile');
    const fresh = createMessageEnvironment();
    const message = fresh.compile(
      '{{#if values.ecart}}Écart de {{euros values.ecart}}{{else}}Aucun écart{{/if}}{{#each values.lignes}} [{{@index}}:{{this}}]{{/each}}{{#with organisme}} ({{nom}}){{/with}}{{#unless values.ok}} !{{/unless}}',
    );
    expect(message({ values: { ecart: 1500, lignes: ['a', 'b'], ok: false }, organisme: { nom: 'OPH Lyon' } })).toBe(
      `Écart de 1${'\u202f'}500${'\u00a0'}€ [0:a] [1:b] (OPH Lyon) !`,
    );
    expect(message({ values: { ecart: 0, lignes: [], ok: true } })).toBe('Aucun écart');
    expect(codegen).not.toHaveBeenCalled();
    codegen.mockRestore();
  });

  it('escape the values they render', () => {
    expect(env.compile('Nom : {{nom}}')({ nom: '<img src=x onerror=alert(1)>' })).toBe(
      'Nom : &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
    );
  });

  it('escape their literal text as well: the whole message is HTML-escaped text', () => {
    expect(env.compile('<b>Écart</b> > {{x}}')({ x: 1 })).toBe('&lt;b&gt;Écart&lt;/b&gt; &gt; 1');
  });

  it('refuse anything but a string', () => {
    expect(() => env.compile({ type: 'Program', body: [] } as unknown as string)).toThrow(TypeError);
  });

  it('refuse templates naming prototype properties, and render none at run time', () => {
    expect(() => env.compile('{{x.constructor.name}}')).toThrow(TypeError);
    expect(() => env.compile('{{x.__proto__}}')).toThrow(TypeError);
    // Inherited properties are not own properties of the context: lookups never reach them.
    expect(env.compile('{{x.toString}}{{x.valueOf}}{{hasOwnProperty}}')({ x: {} })).toBe('');
  });

  it('refuse helpers that were not registered, lookup and log included', () => {
    expect(() => env.compile('{{lookup x "y"}}')).toThrow(TypeError);
    expect(() => env.compile('{{{x}}}')).toThrow(TypeError);
    expect(() => env.compile('{{> p}}')).toThrow(TypeError);
  });

  it.each([
    '{{#with "constructor"}}{{#with split as |a|}}{{pop (push "alert(1)")}}{{#with join as |j|}}{{j}}{{/with}}{{/with}}{{/with}}',
    '{{#with this as |obj|}}{{#with (obj.constructor.keys "x") as |k|}}{{k}}{{/with}}{{/with}}',
    '{{__proto__.polluted}}',
    '{{#each this}}{{@key}}{{/each}}',
    '{{> (lookup . "p") }}',
    '{{{x}}}',
  ])('survive known payloads without side effects: %s', (payload) => {
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    let output: string;
    try {
      output = env.compile(payload)({ x: '<b>' });
    } catch {
      output = '';
    }
    expect(output).not.toContain('<b>');
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lintTemplate(payload, new Set(['x'])).length).toBeGreaterThan(payload.includes('@key') ? -1 : 0);
  });

  it('never crash nor pollute on random templates', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    fc.assert(
      fc.property(fc.stringMatching(/^[{}#/a-z_. "'>&=()@-]{0,40}$/), (source) => {
        try {
          env.compile(source)({ a: 1, organisme: { nom: 'x' } });
        } catch {
          /* syntax errors are fine; the lint reports them at upload */
        }
      }),
      { numRuns: 2000 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
  });
});

describe('prototype pollution through answers and expressions', () => {
  it('reads only own properties of known fields', () => {
    const b = packageBuilder()
      .field('S.constructor', 'number')
      .field('S.tostring', 'string')
      .field('S.total', { type: 'number', readOnly: true })
      .rule({ id: 'T', kind: 'computed', target: 'S.total', expr: 'DEFAUT(S.constructor; 0) + 1' })
      .rule({ id: 'C', kind: 'check', severity: 'blocking', assert: 'ESTVIDE(S.tostring)', message: '{{organisme.nom}}' });
    const compiled = compileRules(b.build()).value!;
    const hostile = JSON.parse('{"S": {"__proto__": {"polluted": 1, "tostring": "x"}}, "__proto__": {"S": {"constructor": 5}}}');
    const report = evaluate(compiled, hostile, testContext());
    expect(report.computed.S).toEqual({ total: 1 });
    expect(report.controls[0].status).toBe('pass');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('escapes organisation data in messages', () => {
    const b = packageBuilder()
      .field('S.a', 'number')
      .rule({ id: 'C', kind: 'check', severity: 'blocking', assert: 'FAUX', message: '{{organisme.nom}}' });
    const ctx = testContext({ organisation: { ...testContext().organisation, name: '<script>x</script>' } });
    expect(evaluate(compileRules(b.build()).value!, {}, ctx).controls[0].message).toBe('&lt;script&gt;x&lt;/script&gt;');
  });
});
