import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addFloat32, divRowsFloat32, mulRowsFloat32 } from "./generated/binaryFloat32.js";
import {
  sumColsFloat32,
  sumColsFloat64,
  sumColsInt64,
  sumRowsFloat64,
} from "./generated/reduce.js";
import { negFloat32 } from "./generated/unaryFloat32.js";

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
