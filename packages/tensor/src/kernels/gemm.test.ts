import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gemm, type MatrixView } from "./gemm.js";
import { setSimdEnabled, simdAvailable } from "./wasm/simd.js";

/**
 * The TypeScript product against a direct loop that sums in the same order, so the bits must be
 * identical. Blocked products: for each element, the float64 sum over each 256-deep block of k
 * in order of k, each block's sum added to C. Small ones (at most 32³ multiply-adds, or fewer
 * than 4 rows or columns): each product added to C in order of k. Over shapes that cross the
 * 4-wide tiles, the 64-row, 256-deep and 512-wide blocks, strided (transposed) operands and a C
 * with a larger row stride and an offset. Both block kernels are held to it: the WebAssembly
 * SIMD one (`gemm_f64`, where the kernels run) and the asm.js one (SIMD off).
 */
const KC = 256;

const isSmall = (m: number, n: number, k: number) => m * n * k <= 32 * 32 * 32 || m < 4 || n < 4;

/** A deterministic pseudo-random float32-representable matrix with some exact zeros. */
function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % 7 === 0 ? 0 : Math.fround((s / 2 ** 32) * 4 - 2);
  }
  return out;
}

function reference(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  const at = (v: MatrixView, i: number, j: number) =>
    v.data[v.offset + i * v.rowStride + j * v.colStride]!;
  if (isSmall(m, n, k)) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        for (let p = 0; p < k; p++) c[cOff + i * ldc + j]! += at(a, i, p) * at(b, p, j);
      }
    }
    return;
  }
  for (let p0 = 0; p0 < k; p0 += KC) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = p0; p < Math.min(k, p0 + KC); p++) s += at(a, i, p) * at(b, p, j);
        c[cOff + i * ldc + j]! += s;
      }
    }
  }
}

const kernelsHere = [
  { kernel: "WebAssembly SIMD kernel", simd: true },
  { kernel: "asm.js kernel", simd: false },
].filter((c) => !c.simd || simdAvailable());

describe.each(kernelsHere)("gemm (TypeScript, $kernel)", ({ simd }) => {
  let previous = true;
  beforeAll(() => {
    previous = setSimdEnabled(simd);
  });
  afterAll(() => {
    setSimdEnabled(previous);
  });

  it("gives the bits of a direct loop summing in the same order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 530 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 1000 }),
        (m, n, k, transA, transB, pad, seed) => {
          if (m * n * k > 3_000_000) return;
          const ad = values(m * k + 3, seed);
          const bd = values(k * n + 3, seed + 1);
          // A is m×k read row-major or as the transpose of a k×m array; likewise B.
          const a: MatrixView = transA
            ? { data: ad, offset: 3, rowStride: 1, colStride: m }
            : { data: ad, offset: 3, rowStride: k, colStride: 1 };
          const b: MatrixView = transB
            ? { data: bd, offset: 3, rowStride: 1, colStride: k }
            : { data: bd, offset: 3, rowStride: n, colStride: 1 };
          const ldc = n + pad;
          const cOff = pad;
          const start = values(cOff + m * ldc, seed + 2);
          const got = start.slice();
          const want = start.slice();
          gemm(m, n, k, a, b, got, cOff, ldc);
          reference(m, n, k, a, b, want, cOff, ldc);
          for (let i = 0; i < got.length; i++) {
            if (!Object.is(got[i], want[i])) expect.fail(`element ${i}: ${got[i]} vs ${want[i]}`);
          }
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it("gives the same bits for more rows than the kernels' memory holds at once (2048)", () => {
    const [m, n, k, pad] = [2053, 9, 300, 2];
    const ad = values(m * k, 7);
    const bd = values(k * n, 8);
    const a: MatrixView = { data: ad, offset: 0, rowStride: 1, colStride: m };
    const b: MatrixView = { data: bd, offset: 0, rowStride: n, colStride: 1 };
    const ldc = n + pad;
    const start = values(pad + m * ldc, 9);
    const got = start.slice();
    const want = start.slice();
    gemm(m, n, k, a, b, got, pad, ldc);
    reference(m, n, k, a, b, want, pad, ldc);
    let differing = 0;
    for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) differing++;
    expect(differing).toBe(0);
  });

  it("multiplies zeros by infinity and NaN as IEEE says in small products", () => {
    // A 1×2000 by 2000×3 product takes the direct loop; it used to skip zeros of A, so
    // 0 · ∞ gave 0 where PyTorch gives NaN.
    const k = 2000;
    const a: MatrixView = { data: new Float64Array(k), offset: 0, rowStride: k, colStride: 1 };
    const bd = new Float64Array(k * 3).fill(Number.POSITIVE_INFINITY);
    const b: MatrixView = { data: bd, offset: 0, rowStride: 3, colStride: 1 };
    const c = new Float64Array(3);
    gemm(1, 3, k, a, b, c, 0, 3);
    expect(Array.from(c, Number.isNaN)).toEqual([true, true, true]);
  });

  it("propagates NaN and infinity as IEEE says", () => {
    const m = 40;
    const a = new Float64Array(m * m);
    const b = new Float64Array(m * m).fill(1);
    a[5] = Number.NaN; // row 0
    a[m * 3 + 2] = Number.POSITIVE_INFINITY; // row 3
    const c = new Float64Array(m * m);
    const view = (data: Float64Array): MatrixView => ({
      data,
      offset: 0,
      rowStride: m,
      colStride: 1,
    });
    gemm(m, m, m, view(a), view(b), c, 0, m);
    expect(c[0]).toBeNaN();
    expect(c[3 * m + 7]).toBe(Number.POSITIVE_INFINITY);
    expect(c[m]).toBe(0);
  });
});
