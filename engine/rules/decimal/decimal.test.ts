import fc from 'fast-check';
import DecimalJs from 'decimal.js';

const Decimal = DecimalJs.clone({ precision: 40 });
import { ExactSum, add, divide, multiply, round, scaleOf, subtract } from '.';

describe('exact decimals', () => {
  it('adds, subtracts and multiplies decimals exactly', () => {
    expect(add(0.1, 0.2)).toBe(0.3);
    expect(subtract(0.3, 0.1)).toBe(0.2);
    expect(multiply(1.1, 1.1)).toBe(1.21);
    expect(multiply(0.07, 100)).toBe(7);
    expect(add(1234567.89, 0.01)).toBe(1234567.9);
  });

  it('sums 5,000 amounts with cents exactly', () => {
    const acc = new ExactSum();
    for (let i = 0; i < 5000; i++) acc.add((1 + (i % 7) * 10 + i * 1001) / 100);
    let cents = 0;
    for (let i = 0; i < 5000; i++) cents += 1 + (i % 7) * 10 + i * 1001;
    expect(acc.value()).toBe(cents / 100);
  });

  it('divides to 10 places, half-even', () => {
    expect(divide(1, 3)).toBe(0.3333333333);
    expect(divide(2, 3)).toBe(0.6666666667);
    expect(divide(10, 4)).toBe(2.5);
    expect(divide(1, 8)).toBe(0.125);
    expect(divide(1, 20000000000)).toBe(0);
    expect(divide(3, 20000000000)).toBe(0.0000000002);
  });

  it('rounds half away from zero', () => {
    expect(round(2.5, 0)).toBe(3);
    expect(round(-2.5, 0)).toBe(-3);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(1234.5678, 2)).toBe(1234.57);
    expect(round(1250, -2)).toBe(1300);
    expect(round(7, 2)).toBe(7);
  });

  it('finds the fewest decimal places', () => {
    expect(scaleOf(12)).toBe(0);
    expect(scaleOf(0.1)).toBe(1);
    expect(scaleOf(1234.56)).toBe(2);
    expect(scaleOf(1 / 3)).toBe(-1);
  });

  const cents = fc.integer({ min: -1e11, max: 1e11 }).map((c) => c / 100);
  const small = fc.integer({ min: -1e6, max: 1e6 }).map((c) => c / 1000);

  it('agrees with decimal.js on random amounts', () => {
    fc.assert(
      fc.property(cents, cents, small, (a, b, c) => {
        expect(add(a, b) || 0).toBe(new Decimal(a).plus(b).toNumber() || 0);
        expect(subtract(a, b) || 0).toBe(new Decimal(a).minus(b).toNumber() || 0);
        expect(multiply(a, c) || 0).toBe(new Decimal(a).times(c).toNumber() || 0);
        if (c !== 0) expect(divide(a, c) || 0).toBe(new Decimal(a).div(c).toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN).toNumber() || 0);
        expect(round(c, 2) || 0).toBe(new Decimal(c).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() || 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to decimal.js beyond the safe integer range', () => {
    expect(add(9007199254740991, 2)).toBe(new Decimal(9007199254740991).plus(2).toNumber() || 0);
    expect(multiply(123456789.12, 98765.4321)).toBe(new Decimal(123456789.12).times(98765.4321).toNumber() || 0);
  });
});
