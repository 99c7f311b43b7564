import { describe, expect, it } from "vitest";
import { logf } from "./logf.js";

/** Distance in units in the last place between two float32 values (by their ordered bits). */
function ulps(a: number, b: number): number {
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const ordered = (i: number) => (i < 0 ? -(i & 0x7fffffff) : i);
  return Math.abs(ordered(bits[0]!) - ordered(bits[1]!));
}

const reference = (x: number) => Math.fround(Math.log(x));

describe("logf, float32 log in float32 arithmetic", () => {
  it("is within 1 ulp of Math.log rounded to float32 over every 509th positive float32 (subnormals too)", () => {
    // every 101st pattern (21M values) also gave at most 1 ulp when the kernel was written
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    let worst = 0;
    for (let b = 1; b < 0x7f800000; b += 509) {
      bits[0] = b;
      const x = asFloat[0]!;
      worst = Math.max(worst, ulps(logf(x), reference(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("is within 1 ulp for every float32 in [0.99, 1.01], where log is near 0", () => {
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    const from = new Uint32Array(new Float32Array([0.99]).buffer)[0]!;
    const to = new Uint32Array(new Float32Array([1.01]).buffer)[0]!;
    let worst = 0;
    for (let b = from; b <= to; b++) {
      bits[0] = b;
      const x = asFloat[0]!;
      worst = Math.max(worst, ulps(logf(x), reference(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("gives -Infinity for ±0, NaN below 0 and for NaN, +Infinity for +Infinity, 0 for 1", () => {
    expect(logf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logf(-0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logf(-1)).toBeNaN();
    expect(logf(Number.NEGATIVE_INFINITY)).toBeNaN();
    expect(logf(Number.NaN)).toBeNaN();
    expect(logf(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(logf(1)).toBe(0);
    expect(logf(2 ** -149)).toBe(Math.fround(-149 * Math.LN2));
  });
});
