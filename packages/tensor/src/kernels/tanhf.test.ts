import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tanhf } from "./tanhf.js";

/** Distance in units in the last place between two float32 values (by their ordered bits). */
function ulps(a: number, b: number): number {
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const ordered = (i: number) => (i < 0 ? -(i & 0x7fffffff) : i);
  return Math.abs(ordered(bits[0]!) - ordered(bits[1]!));
}

describe("tanhf, SLEEF's float32 tanh in float32 arithmetic", () => {
  it("is within 1 ulp of Math.tanh rounded to float32 (a dense sweep and random bit patterns)", () => {
    let worst = 0;
    for (let i = -200_000; i <= 200_000; i++) {
      const x = Math.fround(i / 20_000); // [-10, 10]
      worst = Math.max(worst, ulps(tanhf(x), Math.fround(Math.tanh(x))));
    }
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    let seed = 12345;
    for (let i = 0; i < 200_000; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      bits[0] = seed;
      const x = asFloat[0]!;
      if (!Number.isFinite(x)) continue;
      worst = Math.max(worst, ulps(tanhf(x), Math.fround(Math.tanh(x))));
    }
    // SLEEF documents its tanhf_u10 as within 1 ulp
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("is within 1 ulp for every third float32 from 0.5 to 0.6 and from 8.6 past the cutoff (beyond it, 1)", () => {
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    const bitsOf = (v: number) => new Uint32Array(new Float32Array([v]).buffer)[0]!;
    let worst = 0;
    for (const [from, to] of [
      [0.5, 0.6],
      [8.6, 8.7],
    ] as const) {
      for (let b = bitsOf(from); b <= bitsOf(to); b += 3) {
        bits[0] = b;
        const x = asFloat[0]!;
        worst = Math.max(worst, ulps(tanhf(x), Math.fround(Math.tanh(x))));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("keeps the special values: ±0, ±1 beyond the cutoff, NaN, infinities, odd symmetry", () => {
    expect(Object.is(tanhf(-0), -0)).toBe(true);
    expect(Object.is(tanhf(0), 0)).toBe(true);
    expect(tanhf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(tanhf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(tanhf(12)).toBe(1);
    expect(tanhf(Number.NaN)).toBeNaN();
    expect(tanhf(Math.fround(1e-30))).toBe(Math.fround(1e-30));
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (x) => Object.is(tanhf(-x), -tanhf(x))),
      { numRuns: 500, seed: 3 },
    );
  });
});
