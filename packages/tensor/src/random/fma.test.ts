import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exact, roundTo } from "../testing/exact.js";
import { fma32, fma64 } from "./fma.js";

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
