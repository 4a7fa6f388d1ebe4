/**
 * Exact decimal arithmetic on plain JS numbers (see docs/decisions/0100-exact-decimals.md).
 *
 * A value is the double nearest to an exact decimal. An operation reads each operand as a scaled
 * integer (m × 10^-s, with s the fewest decimal places that round-trip), computes on integers,
 * which is exact while they stay below 2^53, and divides once at the end (a correctly rounded
 * IEEE division, so the result is again the double nearest to the exact decimal). When an
 * integer would leave the safe range the operation falls back to decimal.js.
 */
import Decimal from 'decimal.js';

const Big = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
const MAX_SCALE = 15;
/** Scaled integers stay below 2^51 so that x × 10^s, rounded, is certainly the exact integer. */
const SAFE = 2 ** 51;
const safe = (m: number) => m < SAFE && m > -SAFE;
const POW10: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Decimal places of the division results (half-even), as the rule language specifies. */
export const DIVISION_PLACES = 10;

/** Fewest decimal places s such that x = m / 10^s for an integer m; -1 when x is no short decimal. */
export function scaleOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  for (let s = 1; s <= MAX_SCALE; s++) {
    const p = POW10[s];
    const m = Math.round(x * p);
    if (m / p === x) return safe(m) ? s : -1;
  }
  return -1;
}

function big(x: number): Decimal {
  return new Big(x);
}

export function add(a: number, b: number): number {
  if (Number.isInteger(a) && Number.isInteger(b)) {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
    return big(a).plus(b).toNumber();
  }
  const sa = scaleOf(a);
  const sb = scaleOf(b);
  if (sa >= 0 && sb >= 0) {
    const s = sa > sb ? sa : sb;
    const p = POW10[s];
    const ma = Math.round(a * p);
    const mb = Math.round(b * p);
    if (safe(ma) && safe(mb)) return (ma + mb) / p;
  }
  return big(a).plus(b).toNumber();
}

export function subtract(a: number, b: number): number {
  return add(a, -b);
}

/** m × 10^-s of a product on safe integers, or undefined when it cannot be computed so. */
function scaledProduct(a: number, b: number): { m: number; s: number } | undefined {
  const sa = scaleOf(a);
  const sb = scaleOf(b);
  if (sa < 0 || sb < 0 || sa + sb > 22) return undefined;
  const m = Math.round(a * POW10[sa]) * Math.round(b * POW10[sb]);
  return Number.isSafeInteger(m) ? { m, s: sa + sb } : undefined;
}

/** Whether the decimal m × 10^-s is exactly x (compared as integers, not as rounded doubles). */
function equalsScaled(x: number, m: number, s: number): boolean {
  const sx = scaleOf(x);
  if (sx < 0 || sx > s) return false;
  const scaled = Math.round(x * POW10[sx]) * POW10[s - sx];
  return Number.isSafeInteger(scaled) && scaled === m;
}

export function multiply(a: number, b: number): number {
  const product = scaledProduct(a, b);
  return product ? product.m / POW10[product.s] : big(a).times(b).toNumber();
}

const DIVISION_SCALE = 10n ** BigInt(DIVISION_PLACES);
const BIG_POW10: bigint[] = Array.from({ length: 23 }, (_, i) => 10n ** BigInt(i));

/** a / b rounded half-even to 10 places; the caller handles b = 0. */
export function divide(a: number, b: number): number {
  const q = a / b;
  // Fast path: the float quotient is a short decimal whose product with b gives back a exactly.
  const sq = scaleOf(q);
  if (sq >= 0 && sq <= DIVISION_PLACES) {
    const back = scaledProduct(q, b);
    if (back && equalsScaled(a, back.m, back.s)) return q;
  }
  const sa = scaleOf(a);
  const sb = scaleOf(b);
  if (sa >= 0 && sb >= 0) {
    // Integer long division: a/b = (ma·10^sb) / (mb·10^sa), scaled by 10^10, rounded half-even.
    const numerator = BigInt(Math.round(a * POW10[sa])) * BIG_POW10[sb] * DIVISION_SCALE;
    const denominator = BigInt(Math.round(b * POW10[sb])) * BIG_POW10[sa];
    let quotient = numerator / denominator;
    const remainder = numerator % denominator;
    const twice = 2n * (remainder < 0n ? -remainder : remainder);
    const absDenominator = denominator < 0n ? -denominator : denominator;
    if (twice > absDenominator || (twice === absDenominator && quotient % 2n !== 0n)) {
      quotient += numerator < 0n !== denominator < 0n ? -1n : 1n;
    }
    const magnitude = quotient < 0n ? -quotient : quotient;
    if (magnitude <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(quotient) / POW10[DIVISION_PLACES];
  }
  return big(a).div(b).toDecimalPlaces(DIVISION_PLACES, Decimal.ROUND_HALF_EVEN).toNumber();
}

/** Rounds half away from zero to `places` decimal places (places may be negative: tens, hundreds). */
export function round(x: number, places: number): number {
  const s = scaleOf(x);
  if (s >= 0 && s <= places) return x;
  if (s >= 0 && places >= 0) {
    const m = Math.round(x * POW10[s]);
    const d = POW10[s - places];
    const r = m % d;
    let q = (m - r) / d;
    if (2 * Math.abs(r) >= d) q += Math.sign(m);
    return q / POW10[places];
  }
  return roundBig(x, places);
}

function roundBig(x: number, places: number): number {
  if (places >= 0) return big(x).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber();
  const unit = new Big(10).pow(-places);
  return big(x).div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(unit).toNumber();
}

/**
 * Running exact sum: keeps a scaled integer and rescales it when a term has more places.
 * Used by the aggregates so that summing 5,000 amounts costs one pass and no allocation.
 * Terms that are no short decimal, or that would overflow, go to a decimal.js remainder, so one
 * odd value does not slow down the rest of the column.
 */
export class ExactSum {
  private m = 0;
  private s = 0;
  private rest: Decimal | undefined;

  add(x: number): void {
    const sx = scaleOf(x);
    if (sx < 0) return this.spill(x);
    if (sx > this.s) {
      const rescaled = this.m * POW10[sx - this.s];
      if (!safe(rescaled)) return this.spill(x);
      this.m = rescaled;
      this.s = sx;
    }
    const term = Math.round(x * POW10[this.s]);
    const next = this.m + term;
    if (!safe(term)) return this.spill(x);
    if (!safe(next)) {
      this.flush();
      this.m = term;
      return;
    }
    this.m = next;
  }

  value(): number {
    if (!this.rest) return this.m / POW10[this.s];
    return this.rest.plus(new Big(this.m).div(POW10[this.s])).toNumber();
  }

  private spill(x: number): void {
    this.rest = (this.rest ?? new Big(0)).plus(x);
  }

  private flush(): void {
    this.rest = (this.rest ?? new Big(0)).plus(new Big(this.m).div(POW10[this.s]));
    this.m = 0;
  }
}
