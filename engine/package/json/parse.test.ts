import fc from 'fast-check';
import { locatePointer, parseJson } from './parse';

describe('parseJson', () => {
  it('parses like JSON.parse on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value, null, 1);
        const parsed = parseJson(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.json.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'Virgule en trop'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, '« , » ou « } » attendu'],
    ["{'a': 1}", 1, 2, 'guillemets doubles'],
    ['[1, 2', 1, 6, 'fin du fichier'],
    ['{"a": "x\ny"}', 1, 9, 'Caractère de contrôle'],
    ['{"a": 01}', 1, 7, 'Nombre invalide'],
    ['{} x', 1, 4, 'Contenu inattendu'],
  ])('reports %j at line %i, column %i', (text, line, column, words) => {
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ line, column, message: expect.stringContaining(words) });
  });

  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        expect(parseJson(text).ok).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });

  it('records duplicate keys and keeps "__proto__" as an own property', () => {
    const parsed = parseJson('{"a": 1, "a": 2, "__proto__": {"x": 1}}');
    expect(parsed.ok && parsed.json.duplicateKeys).toEqual(['/a']);
    const value = parsed.ok ? (parsed.json.value as Record<string, unknown>) : {};
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['a', '__proto__']);
  });

  it('limits nesting depth', () => {
    expect(parseJson('[[[1]]]', 2)).toMatchObject({ ok: false, error: { kind: 'depth' } });
    expect(parseJson('[[1]]', 2).ok).toBe(true);
  });

  it('locates pointers, escaped tokens and missing members (nearest ancestor)', () => {
    const text = '{\n  "a/b": {\n    "c~d": [10, 20]\n  }\n}';
    expect(locatePointer(text, '/a~1b/c~0d/1')).toMatchObject({ line: 3, column: 17 });
    expect(locatePointer(text, '/a~1b/absent')).toMatchObject({ line: 2, column: 10 });
  });
});
