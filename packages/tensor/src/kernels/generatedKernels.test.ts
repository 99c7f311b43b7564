import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addFloat32,
  divRowsFloat32,
  gtFloat32,
  mulRowsFloat32,
  whereFloat32,
} from "./generated/binaryFloat32.js";
import { whereFloat64 } from "./generated/binaryFloat64.js";
import { castFloat32ToBool, castFloat32ToFloat32 } from "./generated/cast.js";
import {
  sumColsFloat32,
  sumColsFloat64,
  sumColsInt64,
  sumRowsFloat64,
} from "./generated/reduce.js";
import { negFloat32, signFloat32 } from "./generated/unaryFloat32.js";

/**
 * The generated kernels' unrolled and column-order paths against plain per-element loops: the
 * same bits for every length (the unrolled remainders 0-3), every rows × cols split on either
 * side of the column-order switch, strides 0 (broadcast) and 1, and offsets; column sums in the
 * order of rows, as the row-order loop sums them, for float32, float64 (compensated) and int64.
 */
const f32 = (n: number, seed: number) => {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % 11 === 0 ? 0 : (s / 2 ** 32) * 8 - 4;
  }
  return out;
};
const same = (a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>) =>
  expect(Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)))).toEqual(
    Array.from(b, (v) => (Object.is(v, -0) ? "-0" : String(v))),
  );

describe("generated kernels", () => {
  it("contiguous and broadcast elementwise loops give the per-element bits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3 }), (n, off) => {
        const a = f32(n + off, 1);
        const b = f32(n + off, 2);
        const out = new Float32Array(n + off);
        addFloat32(a, off, 1, b, off, 1, out, off, n);
        const want = Array.from({ length: n }, (_, k) => Math.fround(a[off + k]! + b[off + k]!));
        same(out.subarray(off), want);
        addFloat32(a, off, 1, b, 1, 0, out, off, n);
        same(
          out.subarray(off),
          Array.from({ length: n }, (_, k) => Math.fround(a[off + k]! + b[1]!)),
        );
        negFloat32(a, off, 1, out, off, n);
        same(
          out.subarray(off),
          Array.from({ length: n }, (_, k) => -a[off + k]!),
        );
      }),
      { numRuns: 80, seed: 4 },
    );
  });

  it("where selects each element's bits (NaN payloads, -0) on both sides of its mask path, with strides 0 and 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(0, 1),
        fc.constantFrom(0, 1),
        fc.nat(),
        (n, off, sa, sb, seed) => {
          const c = Uint8Array.from(
            { length: n + off },
            (_, i) => ((i * 2654435761 + seed) >>> 7) & 1,
          );
          const a = f32(n + off, seed + 1);
          const b = f32(n + off, seed + 2);
          // a negative quiet NaN with a payload, and a negative zero (signalling NaNs, which only
          // bit views can make, come out quieted from the loop below the mask path's size)
          new Uint32Array(a.buffer)[off] = 0xffc01234;
          b[off + (n >> 1)] = -0;
          const out = new Float32Array(n + off);
          whereFloat32(c, off, 1, a, off, sa, b, off, sb, out, off, n);
          const want = new Uint32Array(n);
          const ua = new Uint32Array(a.buffer);
          const ub = new Uint32Array(b.buffer);
          for (let k = 0; k < n; k++) want[k] = c[off + k] ? ua[off + k * sa]! : ub[off + k * sb]!;
          expect(Array.from(new Uint32Array(out.buffer, off * 4, n))).toEqual(Array.from(want));
          const a64 = Float64Array.from(a);
          const b64 = Float64Array.from(b);
          const out64 = new Float64Array(n + off);
          whereFloat64(c, off, 1, a64, off, sa, b64, off, sb, out64, off, n);
          const want64 = Array.from({ length: n }, (_, k) =>
            c[off + k] ? a64[off + k * sa]! : b64[off + k * sb]!,
          );
          same(out64.subarray(off), want64);
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });

  it("comparisons, sign, bool casts and copies give the per-element results", () => {
    const v = [Number.NaN, -0, 0, -1.5, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    const a = Float32Array.from({ length: 98 }, (_, i) => v[i % 7]!);
    const b = Float32Array.from({ length: 98 }, (_, i) => v[Math.floor(i / 7) % 7]!);
    const gt = new Uint8Array(98);
    gtFloat32(a, 0, 1, b, 0, 1, gt, 0, 98);
    same(
      gt,
      Array.from(a, (x, i) => (x > b[i]! ? 1 : 0)),
    );
    const sign = new Float32Array(98);
    signFloat32(a, 0, 1, sign, 0, 98);
    same(
      sign,
      Array.from(a, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)),
    );
    const bool = new Uint8Array(98);
    castFloat32ToBool(a, 0, 1, bool, 0, 1, 98);
    same(
      bool,
      Array.from(a, (x) => (x !== 0 ? 1 : 0)),
    );
    const copy = new Float32Array(100);
    castFloat32ToFloat32(a, 1, 1, copy, 2, 1, 97);
    same(copy.subarray(2, 99), a.subarray(1));
    expect(copy[1]).toBe(0);
    expect(copy[99]).toBe(0);
    // one element to many (stride 0), on both sides of the fill's size
    for (const len of [5, 97]) {
      const filled = new Float32Array(100);
      castFloat32ToFloat32(a, 4, 0, filled, 1, 1, len);
      same(filled.subarray(1, 1 + len), new Array(len).fill(a[4]!));
      expect(filled[1 + len]).toBe(0);
    }
  });

  it("rows kernels give the per-element bits in either traversal order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 13 }),
        fc.boolean(),
        fc.boolean(),
        (rows, cols, rowBroadcast, colBroadcast) => {
          const a = f32(rows * cols + 2, 3);
          const b = f32(rows * cols + 2, 5).map((v) => (v === 0 ? 0.5 : v));
          // a row-major from offset 2; b a broadcast row or column, or full.
          const brs = rowBroadcast ? 0 : cols;
          const bcs = colBroadcast ? 0 : 1;
          for (const [kernel, op] of [
            [mulRowsFloat32, (x: number, y: number) => Math.fround(x * y)],
            [divRowsFloat32, (x: number, y: number) => Math.fround(x / y)],
          ] as const) {
            const out = new Float32Array(rows * cols + 1);
            kernel(rows, cols, a, 2, cols, 1, b, 1, brs, bcs, out, 1);
            const want: number[] = [];
            for (let r = 0; r < rows; r++) {
              for (let c = 0; c < cols; c++)
                want.push(op(a[2 + r * cols + c]!, b[1 + r * brs + c * bcs]!));
            }
            same(out.subarray(1), want);
          }
        },
      ),
      { numRuns: 120, seed: 6 },
    );
  });

  it("column sums add each column's rows in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (n, cols) => {
        const x = f32(n * cols + 1, 7);
        const out32 = new Float32Array(cols);
        sumColsFloat32(x, 1, cols, n, out32);
        const x64 = Float64Array.from(x, (v, i) => v * 1e8 ** (i % 3));
        const out64 = new Float64Array(cols);
        sumColsFloat64(x64, 1, cols, n, out64);
        const xi = BigInt64Array.from(x, (v) => BigInt(Math.round(v * 1e6)));
        const outi = new BigInt64Array(cols);
        sumColsInt64(xi, 1, cols, n, outi);
        const want32: number[] = [];
        const want64 = new Float64Array(cols);
        const wanti: bigint[] = [];
        for (let j = 0; j < cols; j++) {
          let acc = 0;
          let acci = 0n;
          const column = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            acc += x[1 + i * cols + j]!;
            acci += xi[1 + i * cols + j]!;
            column[i] = x64[1 + i * cols + j]!;
          }
          want32.push(Math.fround(acc));
          wanti.push(acci);
          sumRowsFloat64(column, 0, 1, n, want64.subarray(j, j + 1));
        }
        same(out32, want32);
        same(out64, want64);
        same(outi, wanti);
      }),
      { numRuns: 120, seed: 8 },
    );
  });
});
