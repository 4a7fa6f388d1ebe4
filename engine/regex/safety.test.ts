import fc from 'fast-check';
import { checkRegexSafety, regexSyntaxError } from './safety';

describe('checkRegexSafety', () => {
  it.each([
    '^(a|a)*$',
    '(a+)+',
    '^(a*)*$',
    '^([a-z]+)*$',
    '^(\\w+\\s?)*$',
    '(.*a){20}',
    '^(a|ab)*$',
    '^(x(a|a)y)+$',
    '^(\\d+)+$',
    '^(a?a)*$',
  ])('rejects the exponential pattern %s', (pattern) => {
    expect(checkRegexSafety(pattern).safe).toBe(false);
  });

  it.each([
    '^[0-9]{9}$',
    '^[a-z]+(-[a-z]+)*$',
    '^(\\+33|0)[1-9]([ .-]?[0-9]{2}){4}$',
    '^\\d+(\\.\\d+)?$',
    '^(ab|cd)*$',
    '^[A-Z]{2}[0-9]{3}$',
    '^[^@]+@[^@]+\\.[a-z]{2,}$',
    '^\\p{Lu}[\\p{L} -]*$',
  ])('accepts the linear pattern %s', (pattern) => {
    expect(checkRegexSafety(pattern)).toEqual({ safe: true });
  });

  it('rejects back-references and lookarounds, with a reason', () => {
    expect(checkRegexSafety('(a)\\1')).toEqual({ safe: false, reason: expect.stringContaining('références arrière') });
    expect(checkRegexSafety('^(?=a)a$')).toEqual({ safe: false, reason: expect.stringContaining('assertions') });
  });

  it('every accepted pattern of a small alphabet runs in linear-ish time on a hostile input', () => {
    const atom = fc.constantFrom('a', 'b', '[ab]', '.', 'a?', 'a+', 'a*', '(a|b)', '(a|ab)', '(a+)', '(ab)');
    const pattern = fc
      .array(fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{2}')), { minLength: 1, maxLength: 4 })
      .map((parts) => '^' + parts.map(([a, q]) => a + q).join('') + '$');
    fc.assert(
      fc.property(pattern, (p) => {
        if (regexSyntaxError(p) || !checkRegexSafety(p).safe) return;
        // Not a speed measurement: an exponential pattern takes minutes on this input, a linear
        // one microseconds, so the bound only detects catastrophic backtracking, even on a busy machine.
        const start = Date.now();
        new RegExp(p, 'u').test('a'.repeat(28) + 'c');
        expect(Date.now() - start).toBeLessThan(2000);
      }),
      { numRuns: 300 },
    );
  });

  it('regexSyntaxError explains patterns that do not compile', () => {
    expect(regexSyntaxError('^[0-9')).toEqual(expect.any(String));
    expect(regexSyntaxError('^[0-9]$')).toBeUndefined();
  });
});
