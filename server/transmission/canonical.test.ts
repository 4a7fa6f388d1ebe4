import { canonicalHash, canonicalJson } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}',
    );
  });
  it('gives the same hash whatever the key order', () => {
    expect(canonicalHash({ a: 1, b: [2, 3] })).toBe(canonicalHash({ b: [2, 3], a: 1 }));
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: 2 }));
  });
  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Infinity })).toThrow();
  });
});
