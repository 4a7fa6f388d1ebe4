/** Sums decimal numbers exactly (0.1 + 0.2 = 0.3): totals rows must agree with the engine's. */
export function exactSum(values: Iterable<unknown>): number | null {
  let scale = 0;
  const parts: Array<[bigint, number]> = [];
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const s = String(v);
    if (/e/i.test(s)) {
      parts.push([BigInt(Math.round(v * 1e6)), 6]);
      scale = Math.max(scale, 6);
      continue;
    }
    const [int, frac = ''] = s.replace('-', '').split('.');
    const n = BigInt(int + frac) * (v < 0 ? -1n : 1n);
    parts.push([n, frac.length]);
    scale = Math.max(scale, frac.length);
  }
  if (!parts.length) return null;
  let total = 0n;
  for (const [n, s] of parts) total += n * 10n ** BigInt(scale - s);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return Number((negative ? '-' : '') + text);
}
