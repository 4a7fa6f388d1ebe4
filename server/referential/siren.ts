/** A SIREN: 9 digits whose Luhn checksum is valid (INSEE's rule). */
export function isValidSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    let digit = Number(value[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Completes 8 digits with the Luhn check digit: how the seed makes valid SIRENs. */
export function withLuhnDigit(eightDigits: string): string {
  for (let d = 0; d <= 9; d += 1) if (isValidSiren(eightDigits + d)) return eightDigits + d;
  throw new Error(`no Luhn digit for ${eightDigits}`);
}
