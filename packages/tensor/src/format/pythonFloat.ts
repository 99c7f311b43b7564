/**
 * Python's `'{:.Nf}'` and `'{:.Ne}'` of a finite double, as PyTorch's printing uses them: the exact
 * binary value rounded to N digits, half to even, with the sign of negative zero kept.
 *
 * JavaScript's `toFixed` and `toExponential` also round the exact binary value (they are not
 * fooled by 1.005 being 1.00499...), but break an exact tie upwards in magnitude, where Python
 * picks the even digit: `(0.03125).toFixed(4)` is "0.0313", Python's `'{:.4f}'` gives "0.0312".
 * A tie has an exact decimal expansion ending in 5 just past the last kept digit, so the fast
 * result is kept unless the expansion one digit longer ends in 5; only then is the value expanded
 * exactly (BigInt) and rounded half to even. They also drop the sign of -0, which Python prints.
 */

/** Python's `'{:.{digits}f}'.format(v)` for a finite `v`: 0.03125 gives "0.0312", -0 "-0.0000". */
export function formatFixed(v: number, digits: number): string {
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const a = Math.abs(v);
  // toFixed switches to exponent notation from 1e21; Python writes every digit.
  const exact = a >= 1e21 || a.toFixed(digits + 1).endsWith("5");
  return sign + (exact ? exactFixed(a, digits) : a.toFixed(digits));
}

/** Python's `'{:.{digits}e}'.format(v)` for a finite `v`: 10000.5 gives "1.0000e+04" (4 digits). */
export function formatScientific(v: number, digits: number): string {
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const a = Math.abs(v);
  const longer = a.toExponential(digits + 1);
  const [mantissa, exponent] =
    a !== 0 && longer.slice(0, longer.indexOf("e")).endsWith("5")
      ? exactScientific(a, digits)
      : splitExponent(a.toExponential(digits));
  const expSign = exponent < 0 ? "-" : "+";
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

function splitExponent(s: string): [string, number] {
  const e = s.indexOf("e");
  return [s.slice(0, e), Number(s.slice(e + 1))];
}

function exactFixed(a: number, digits: number): string {
  const units = String(roundedScaled(a, digits)).padStart(digits + 1, "0");
  if (digits === 0) return units;
  return `${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

/** `a > 0` as `digits + 1` significant digits and a decimal exponent, rounded half to even. */
function exactScientific(a: number, digits: number): [string, number] {
  const low = 10n ** BigInt(digits);
  const high = low * 10n;
  let exponent = Math.floor(Math.log10(a));
  for (;;) {
    const q = roundedScaled(a, digits - exponent);
    // log10 can be one off near powers of ten, and rounding up can reach the next power.
    if (q >= high) exponent += 1;
    else if (q < low) exponent -= 1;
    else {
      const s = q.toString();
      return [digits === 0 ? s : `${s[0]}.${s.slice(1)}`, exponent];
    }
  }
}

/** `a × 10^scale` (a finite, non-negative double) rounded to an integer, half to even, exactly. */
function roundedScaled(a: number, scale: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & 0xfffffffffffffn;
  // a = mantissa × 2^binaryExponent, subnormals included.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const binaryExponent = (biased === 0 ? 1 : biased) - 1075;
  let num = mantissa;
  let den = 1n;
  if (binaryExponent >= 0) num <<= BigInt(binaryExponent);
  else den <<= BigInt(-binaryExponent);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  const q = num / den;
  const twiceRest = (num % den) * 2n;
  return twiceRest > den || (twiceRest === den && q % 2n === 1n) ? q + 1n : q;
}
