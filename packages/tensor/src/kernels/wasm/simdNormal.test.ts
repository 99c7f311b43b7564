import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalFill16Avx } from "../../random/avxNormal.js";
import { gemmKernels, relaxedSimdActive, setRelaxedSimdEnabled } from "./gemmModule.js";
import { setSimdEnabled } from "./simd.js";
import { fusedNormalActive, simdNormalBlocks } from "./simdNormal.js";

/** Float32 uniforms as fillUniform makes them: multiples of 2⁻²⁴ in [0, 1). */
function uniforms(n: number, seed: number): Float32Array {
  const u = new Float32Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    u[i] = (x >>> 8) / 2 ** 24;
  }
  return u;
}

/** Indices where the kernel's samples differ in bits from the TypeScript twin's. */
function mismatches(u: Float32Array, mean: number, std: number): number[] {
  const want = u.slice();
  for (let i = 0; i + 16 <= want.length; i += 16) normalFill16Avx(want, i, mean, std);
  const got = u.slice();
  expect(simdNormalBlocks(got, got.length / 16, mean, std)).toBe(true);
  const a = new Uint32Array(want.buffer);
  const b = new Uint32Array(got.buffer);
  const bad: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) bad.push(i);
  return bad;
}

const f = Math.fround;

/** Whether the relaxed module's multiply-add is fused on this machine (its own probe). */
function machineFuses(): boolean {
  const g = gemmKernels();
  return g?.relaxed === true && (g.exports as unknown as { fma_fused(): number }).fma_fused() === 1;
}

describe("simdNormalBlocks: which kernel runs", () => {
  it("is the fused one where the relaxed module runs and its multiply-add fuses, else normal_f32", () => {
    expect(fusedNormalActive()).toBe(relaxedSimdActive() && machineFuses());
    const previous = setRelaxedSimdEnabled(false);
    try {
      expect(fusedNormalActive()).toBe(false);
    } finally {
      setRelaxedSimdEnabled(previous);
    }
  });

  it("probes with a multiply-add that one rounding and two tell apart (fma_fused)", () => {
    const fma = Math.fround(1 + 2 ** -12);
    // with two roundings the product is 1 + 2^-11 and the sum 0; with one it is 2^-24
    expect(Math.fround(Math.fround(fma * fma) - Math.fround(1 + 2 ** -11))).toBe(0);
    expect(fma * fma - (1 + 2 ** -11)).toBe(2 ** -24);
  });
});

for (const kernel of ["normal_fused_f32", "normal_f32"] as const)
  describe(`simdNormalBlocks (${kernel})`, () => {
    let previous = true;
    beforeAll(() => {
      previous = setRelaxedSimdEnabled(kernel === "normal_fused_f32");
    });
    afterAll(() => {
      setRelaxedSimdEnabled(previous);
    });

    it.runIf(kernel === "normal_f32" || fusedNormalActive())("runs on that kernel", () => {
      expect(fusedNormalActive()).toBe(kernel === "normal_fused_f32");
    });

    it("gives the TypeScript twin's bits over chunks, for several means and deviations", () => {
      // 2.5 chunks of blocks; deviations whose samples overflow float32 or fall below its normal
      // range send blocks to the twin.
      const u = uniforms(16 * 2560, 7);
      for (const [mean, std] of [
        [0, 1],
        [f(3), f(0.5)],
        [f(-2), f(1e-3)],
        [0, f(1e37)],
        [0, f(1e-39)],
        [f(1e-38), f(1e-38)],
        [Number.NaN, 1],
        [Number.POSITIVE_INFINITY, 1],
      ] as const) {
        expect(mismatches(u, mean, std), `mean ${mean}, std ${std}`).toEqual([]);
      }
    });

    // Lane j of a block pairs u1 = 1 - data[j] with u2 = data[j + 8]: the same k·2⁻²⁴ in both
    // covers every logarithm and every sine and cosine the block path can take. Every float32
    // uniform takes 12 s (KINDLING_FULL_SWEEP=1; it passed when the kernel was written); by default
    // every 13th, about 1 s.
    const stride = process.env.KINDLING_FULL_SWEEP === "1" ? 1 : 13;
    it(`gives the twin's bits for every ${stride === 1 ? "" : `${stride}th `}float32 uniform, as u1 and as u2`, () => {
      const per = 1 << 20;
      for (let start = 0; start < 2 ** 24; start += per * stride) {
        const u = new Float32Array(per * 2);
        for (let i = 0; i < per; i++) {
          const v = Math.min(start + i * stride, 2 ** 24 - 1) / 2 ** 24;
          const block = i >>> 3;
          u[block * 16 + (i & 7)] = v;
          u[block * 16 + 8 + (i & 7)] = v;
        }
        expect(mismatches(u, 0, 1)).toEqual([]);
      }
    }, 60_000);

    it("returns false and leaves the data when SIMD is off", () => {
      const u = uniforms(64, 1);
      const before = u.slice();
      setSimdEnabled(false);
      try {
        expect(simdNormalBlocks(u, 4, 0, 1)).toBe(false);
      } finally {
        setSimdEnabled(true);
      }
      expect(u).toEqual(before);
    });
  });
