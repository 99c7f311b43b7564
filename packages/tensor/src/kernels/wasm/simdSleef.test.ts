import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as T from "../../index.js";
import { bothPaths, differingBits } from "../../testing/simdPaths.js";
import { sleefExpf } from "../sleefExpf.js";
import { sleefLogf } from "../sleefLogf.js";
import { sigmoidVectorf } from "../sleefSigmoidf.js";
import { tanhf } from "../tanhf.js";
import { fusedRelaxedKernels, gemmKernels, setRelaxedSimdEnabled } from "./gemmModule.js";
import { CHUNK, SIMD_MIN_TRANSCENDENTAL, setSimdEnabled } from "./simd.js";
import { simdSleefF32 } from "./simdSleef.js";

/**
 * The relaxed-SIMD module's SLEEF kernels against their TypeScript twins: the same bits where the
 * machine fuses `f32x4.relaxed_madd` (x64 with FMA3, arm64), and no kernel run where it does not.
 */
const RUNS = { numRuns: 25, seed: 17 };

afterEach(() => {
  setSimdEnabled(true);
});

/** Whether the relaxed module runs here and its multiply-add fuses (its own probe). */
function machineFuses(): boolean {
  const g = gemmKernels();
  return g?.relaxed === true && (g.exports as unknown as { fma_fused(): number }).fma_fused() === 1;
}

function values(n: number, seed: number, lo: number, hi: number): T.Tensor {
  T.manualSeed(seed);
  return T.rand([n])
    .mul(hi - lo)
    .add(lo);
}

describe("SLEEF kernels on the relaxed-SIMD module", () => {
  it("run exactly where the relaxed module is fused, and never with relaxed SIMD forbidden", () => {
    const a = new Float32Array(64).fill(0.5);
    const out = new Float32Array(64);
    expect(fusedRelaxedKernels() !== null).toBe(machineFuses());
    expect(simdSleefF32("tanh", a, 0, out, 0, 64)).toBe(machineFuses());
    const previous = setRelaxedSimdEnabled(false);
    try {
      expect(fusedRelaxedKernels()).toBeNull();
      expect(simdSleefF32("tanh", a, 0, out.fill(7), 0, 64)).toBe(false);
      expect(out[0]).toBe(7);
    } finally {
      setRelaxedSimdEnabled(previous);
    }
  });

  it("fuse on this x64 or arm64 machine (so the tests below compare the kernel, not the twin twice)", () => {
    if (process.arch === "x64" || process.arch === "arm64") expect(machineFuses()).toBe(true);
  });

  for (const [op, twin] of [
    ["tanh", tanhf],
    ["exp", sleefExpf],
    ["log", sleefLogf],
    ["sigmoid", sigmoidVectorf],
  ] as const) {
    it(`${op} gives its twin's bits on every 509th float32 bit pattern of both signs, NaNs apart`, () => {
      const bits = new Uint32Array(Math.floor(0x7f800000 / 509) * 2 + 4);
      let n = 0;
      for (let b = 0; b <= 0x7f800000; b += 509) {
        bits[n++] = b;
        bits[n++] = (b | 0x80000000) >>> 0;
      }
      bits[n++] = 0x7f800000; // +Infinity
      bits[n++] = 0xff800000;
      const x = new Float32Array(bits.buffer, 0, n);
      const got = new Float32Array(n);
      expect(simdSleefF32(op, x, 0, got, 0, n)).toBe(machineFuses());
      if (!machineFuses()) return;
      const want = x.map((v) => twin(v));
      expect(differingBits(got, want)).toBe(0);
    });
  }

  it("tanh, exp, log and sigmoid as ops: the same bits with and without the kernels, for lengths and offsets around the chunks", () => {
    const sizes = fc.oneof(
      fc.integer({ min: SIMD_MIN_TRANSCENDENTAL - 2, max: SIMD_MIN_TRANSCENDENTAL + 9 }),
      fc.integer({ min: CHUNK - 5, max: CHUNK + 5 }),
      fc.integer({ min: 1, max: 3 * CHUNK + 7 }),
    );
    fc.assert(
      fc.property(sizes, fc.nat(1000), (n, seed) => {
        const a = values(n, seed, -12, 12);
        const data = a.storage as Float32Array;
        [0, -0, Number.NaN, Number.NEGATIVE_INFINITY, 8.664339742, -8.6643397, 1e-30].forEach(
          (v, i) => {
            if (i < n) data[(i * 104729) % n] = v;
          },
        );
        for (const op of [T.tanh, T.exp, T.log, T.sigmoid]) {
          expect(differingBits(...bothPaths(() => op(a)))).toBe(0);
          if (n > 8) expect(differingBits(...bothPaths(() => op(a.narrow(0, 7, n - 7))))).toBe(0);
        }
      }),
      RUNS,
    );
  });
});
