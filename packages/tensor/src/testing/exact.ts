/** Exact arithmetic on float values in BigInt, for tests of single roundings (fma, fused ops). */

/** A finite double as an exact integer significand times a power of two. */
export function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let significand = bits & ((1n << 52n) - 1n);
  if (exponent !== 0) significand |= 1n << 52n;
  const sign = bits >> 63n ? -1n : 1n;
  return [sign * significand, (exponent === 0 ? 1 : exponent) - 1075];
}

/** a * b + c exactly, as an integer times 2^exponent. */
export function exact(a: number, b: number, c: number): [bigint, number] {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const e = Math.min(ea + eb, ec);
  return [ma * mb * (1n << BigInt(ea + eb - e)) + mc * (1n << BigInt(ec - e)), e];
}

/** n * 2^e rounded to `bits` significant bits, ties to even (BigInt arithmetic, exact). */
export function roundTo(n: bigint, e: number, bits: number): number {
  const negative = n < 0n;
  let m = negative ? -n : n;
  const shift = m.toString(2).length - bits;
  if (shift > 0) {
    const q = m >> BigInt(shift);
    const rem = m - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e += shift;
  }
  const value = Number(m) * 2 ** e;
  return negative ? -value : value;
}
