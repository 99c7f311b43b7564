import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exact, roundTo } from "../testing/exact.js";
import { oneMinusSquareF32, oneMinusSquareF64 } from "./oneMinusSquare.js";

/** `1 - v²`, exactly, rounded once to `bits` significant bits. */
function exactOneMinusSquare(v: number, bits: number): number {
  const [n, e] = exact(-v, v, 1);
  return n === 0n ? 0 : roundTo(n, e, bits);
}

describe("1 - v·v rounded once (tanh's backward, as a fused multiply-subtract)", () => {
  it("float32: matches the exact value rounded to float32 (property)", () => {
    fc.assert(
      fc.property(fc.float({ min: -1, max: 1, noNaN: true }), (v) => {
        expect(oneMinusSquareF32(v)).toBe(exactOneMinusSquare(v, 24));
      }),
      { numRuns: 3000 },
    );
  });

  it("float32: the float64 difference never rounds onto a float32 tie below 0.125 (every 997th bit pattern)", () => {
    const one = new Float32Array(1);
    const bits = new Uint32Array(one.buffer);
    let inexact = 0;
    let ties = 0;
    for (let b = 1; b < 0x3e000000; b += 997) {
      bits[0] = b;
      const v = one[0]!;
      const r = 1 - v * v;
      if (1 - r - v * v === 0) continue;
      inexact++;
      if (Math.abs(r - Math.fround(r)) === 2 ** -25) ties++;
    }
    expect(inexact).toBeGreaterThan(1e6);
    expect(ties).toBe(0);
  });

  it("float64: matches the exact value rounded to float64 (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1, max: 1, noNaN: true }),
          fc.double({ min: -1e-7, max: 1e-7, noNaN: true }),
          fc.double({ min: Math.SQRT1_2 - 1e-9, max: Math.SQRT1_2 + 1e-9, noNaN: true }),
        ),
        (v) => {
          expect(oneMinusSquareF64(v)).toBe(exactOneMinusSquare(v, 53));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("keeps the edges: ±1 give 0, ±0 and subnormals 1, NaN stays NaN", () => {
    for (const f of [oneMinusSquareF32, oneMinusSquareF64]) {
      expect(f(1)).toBe(0);
      expect(f(-1)).toBe(0);
      expect(f(0)).toBe(1);
      expect(f(-0)).toBe(1);
      expect(f(1.4e-45)).toBe(1);
      expect(f(Number.NaN)).toBeNaN();
    }
    expect(oneMinusSquareF64(5e-324)).toBe(1);
  });
});
