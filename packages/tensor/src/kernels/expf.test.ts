import { describe, expect, it } from "vitest";
import { expf, sigmoidf } from "./expf.js";

/** Distance in units in the last place between two float32 values (by their ordered bits). */
function ulps(a: number, b: number): number {
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const ordered = (i: number) => (i < 0 ? -(i & 0x7fffffff) : i);
  return Math.abs(ordered(bits[0]!) - ordered(bits[1]!));
}

/** The worst ulp distance of `fn` from `reference` over every `stride`th float32 bit pattern in [lo, hi]. */
function worstOver(
  fn: (x: number) => number,
  reference: (x: number) => number,
  lo: number,
  hi: number,
  stride: number,
): number {
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  let worst = 0;
  for (let b = 0; b < 2 ** 32; b += stride) {
    bits[0] = b;
    const x = asFloat[0]!;
    if (x >= lo && x <= hi) worst = Math.max(worst, ulps(fn(x), reference(x)));
  }
  return worst;
}

describe("expf, float32 exp in float32 arithmetic", () => {
  it("is within 1 ulp of Math.exp rounded to float32 over every 509th float32 (subnormal results too)", () => {
    // every 101st pattern (22M values) also gave at most 1 ulp when the kernel was written
    expect(worstOver(expf, (x) => Math.fround(Math.exp(x)), -110, 95, 509)).toBeLessThanOrEqual(1);
  });

  it("gives 0, +Infinity, 1 and NaN where it must", () => {
    expect(expf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(expf(-104)).toBe(0);
    expect(expf(-200)).toBe(0);
    expect(expf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(expf(Math.fround(88.73))).toBe(Number.POSITIVE_INFINITY);
    expect(expf(Math.fround(88.72))).toBe(Math.fround(Math.exp(Math.fround(88.72))));
    expect(expf(0)).toBe(1);
    expect(expf(-0)).toBe(1);
    expect(expf(Number.NaN)).toBeNaN();
    // the smallest subnormal, as torch.exp(torch.tensor(-103.9)) gives
    expect(expf(Math.fround(-103.9))).toBe(2 ** -149);
  });
});

describe("sigmoidf, float32 sigmoid with expf", () => {
  it("is within 2 ulp of 1 / (1 + e^-x) computed in float64 and rounded, for x above -88", () => {
    const reference = (x: number) => Math.fround(1 / (1 + Math.exp(-x)));
    expect(worstOver(sigmoidf, reference, -88, 100, 509)).toBeLessThanOrEqual(2);
  });

  it("gives 0 below -88.7 (as PyTorch's float32 sigmoid), 1 for large x, NaN for NaN", () => {
    expect(sigmoidf(-90)).toBe(0);
    expect(sigmoidf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(sigmoidf(30)).toBe(1);
    expect(sigmoidf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(sigmoidf(0)).toBe(0.5);
    expect(sigmoidf(Number.NaN)).toBeNaN();
    // torch.sigmoid(torch.tensor(-88.5)) is 3.672301610145117e-39 (a subnormal)
    expect(ulps(sigmoidf(-88.5), 3.672301610145117e-39)).toBeLessThanOrEqual(2);
  });
});
