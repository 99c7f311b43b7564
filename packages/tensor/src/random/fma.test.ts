import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fma32, fma64 } from "./fma.js";

/** A finite double as an exact integer significand times a power of two. */
function decompose(x: number): [bigint, number] {
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
function exact(a: number, b: number, c: number): [bigint, number] {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const e = Math.min(ea + eb, ec);
  return [ma * mb * (1n << BigInt(ea + eb - e)) + mc * (1n << BigInt(ec - e)), e];
}

/** n * 2^e rounded to `bits` significant bits, ties to even (BigInt arithmetic, exact). */
function roundTo(n: bigint, e: number, bits: number): number {
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

const moderate = fc
  .double({ min: -1e6, max: 1e6, noNaN: true })
  .filter((x) => x === 0 || Math.abs(x) > 1e-60);
// Products and sums stay float32-normal: fma32 serves sampling, which never meets subnormals.
const float32 = moderate.map(Math.fround).filter((x) => x === 0 || Math.abs(x) > 1e-15);

describe("fma64", () => {
  it("rounds a * b + c once, to nearest even", () => {
    fc.assert(
      fc.property(moderate, moderate, moderate, (a, b, c) => {
        const [n, e] = exact(a, b, c);
        expect(Object.is(fma64(a, b, c), n === 0n ? a * b + c : roundTo(n, e, 53))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("resolves the cases a separate multiply and add round differently", () => {
    // 0.1 * 10 - 1 is exactly 2^-54 (0.1 is not exactly a tenth); unfused it gives 0.
    expect(fma64(0.1, 10, -1)).toBe(2 ** -54);
    expect(0.1 * 10 - 1).toBe(0);
  });
});

describe("fma32", () => {
  it("rounds a * b + c once to float32, to nearest even", () => {
    fc.assert(
      fc.property(float32, float32, float32, (a, b, c) => {
        const [n, e] = exact(a, b, c);
        expect(Object.is(fma32(a, b, c), n === 0n ? a * b + c : roundTo(n, e, 24))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("breaks float32 midpoints by the exact sum's side", () => {
    // 1 + 2^-24 is a float32 midpoint; a tiny extra product term decides the rounding.
    const up = fma32(2 ** -30, 2 ** -30, 1 + 2 ** -24);
    expect(up).toBe(1 + 2 ** -23);
    const down = fma32(-(2 ** -30), 2 ** -30, 1 + 2 ** -24);
    expect(down).toBe(1);
  });
});
