import { withoutPrototypeKeys } from './body';

describe('withoutPrototypeKeys', () => {
  it('returns a clean value as is, without copying it', () => {
    const value = { ER01: { a: 1, rows: [{ b: 'x' }, null] } };
    expect(withoutPrototypeKeys(value)).toBe(value);
  });

  it('strips prototype keys at any depth and leaves the input untouched', () => {
    const value = JSON.parse('{"a":{"rows":[{"__proto__":{"p":1},"b":2}],"constructor":3},"prototype":4,"c":5}') as unknown;
    const before = JSON.stringify(value);
    const clean = withoutPrototypeKeys(value);
    expect(clean).toEqual({ a: { rows: [{ b: 2 }] }, c: 5 });
    expect(Object.keys((clean as { a: { rows: object[] } }).a.rows[0])).toEqual(['b']);
    expect(JSON.stringify(value)).toBe(before);
  });

  it('cuts values nested deeper than 64 levels', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 70; i++) deep = { d: deep };
    let cursor = withoutPrototypeKeys(deep);
    let depth = 0;
    while (cursor !== null && typeof cursor === 'object') {
      cursor = (cursor as { d: unknown }).d;
      depth++;
    }
    expect(cursor).toBeNull();
    expect(depth).toBe(65);
  });
});
