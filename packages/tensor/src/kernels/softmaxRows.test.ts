import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { laneDotF32, laneSumF32, softmaxRowsF32 } from "./softmaxRows.js";
import { CHUNK, setSimdEnabled } from "./wasm/simd.js";
import { simdSoftmaxF32 } from "./wasm/simdSoftmax.js";

afterEach(() => {
  setSimdEnabled(true);
});

/** Both paths over the same rows: [TypeScript, WebAssembly (or null when it declines)]. */
function bothPaths(x: Float32Array, rows: number, cols: number, log: boolean) {
  const ts = new Float32Array(rows * cols).fill(Number.NaN);
  softmaxRowsF32(x, 0, ts, 0, rows, cols, log);
  const simd = new Float32Array(rows * cols).fill(Number.NaN);
  const ran = simdSoftmaxF32(x, 0, simd, 0, rows, cols, log);
  return { ts, simd: ran ? simd : null };
}

/** The bits of each element, every NaN as the one canonical NaN (payloads are not kept). */
const bitsOf = (a: Float32Array) =>
  Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length), (b, i) =>
    Number.isNaN(a[i]) ? 0x7fc00000 : b,
  );

/** Float32 values of every kind, ordinary ones most often. */
const element = fc.oneof(
  { weight: 12, arbitrary: fc.float({ min: -20, max: 20, noNaN: true }) },
  { weight: 2, arbitrary: fc.float({ min: -200, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: fc.float() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0,
      -0,
      3e38,
      -3e38,
    ),
  },
);

describe("fused float32 softmax rows: the WebAssembly kernels against their TypeScript twin", () => {
  it("gives the same bits for rows of 1 to 70 elements of any values (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 8, max: 70 })),
        fc.boolean(),
        fc.infiniteStream(element),
        (rows, cols, log, values) => {
          const x = Float32Array.from({ length: rows * cols }, () => values.next().value);
          const { ts, simd } = bothPaths(x, rows, cols, log);
          expect(simd).not.toBeNull();
          expect(bitsOf(simd!)).toEqual(bitsOf(ts));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same bits for rows longer than a chunk, of any values (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: CHUNK + 1, max: 2 * CHUNK + 40 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), element), { maxLength: 6 }),
        fc.nat(1000),
        (cols, log, specials, seed) => {
          const x = Float32Array.from({ length: cols }, (_, i) => Math.sin(i * 0.37 + seed) * 12);
          for (const [at, v] of specials) x[at % cols] = v;
          const { ts, simd } = bothPaths(x, 1, cols, log);
          expect(bitsOf(simd!)).toEqual(bitsOf(ts));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("gives the same bits across chunks: many short rows, rows of exactly a chunk, and longer ones", () => {
    for (const [rows, cols] of [
      [2, CHUNK + 1],
      [3, 2 * CHUNK + 13],
      [1, 3 * CHUNK],
      [CHUNK + 5, 1],
      [6000, 3],
      [3000, 7],
      [3000, 9],
      [700, 100],
      [2, CHUNK],
      [5, CHUNK - 3],
    ] as const) {
      const x = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.7) * 9);
      for (const log of [false, true]) {
        const { ts, simd } = bothPaths(x, rows, cols, log);
        expect(simd, `${rows}×${cols}`).not.toBeNull();
        expect(bitsOf(simd!)).toEqual(bitsOf(ts));
      }
    }
  });

  it("takes rows of every length, shorter than 8 and longer than a chunk too", () => {
    const x = new Float32Array(CHUNK + 1).fill(1);
    const short = new Float32Array(7);
    expect(simdSoftmaxF32(x, 0, short, 0, 1, 7, false)).toBe(true);
    expect(Array.from(short)).toEqual(Array(7).fill(Math.fround(1 / 7)));
    expect(simdSoftmaxF32(x, 0, new Float32Array(0), 0, 0, 0, true)).toBe(true);
    const long = new Float32Array(CHUNK + 1);
    expect(simdSoftmaxF32(x, 0, long, 0, 1, CHUNK + 1, false)).toBe(true);
    expect(long.every((v) => v === Math.fround(1 / (CHUNK + 1)))).toBe(true);
    // in place, log-softmax: each chunk is read before it is written
    const row = Float32Array.from({ length: 2 * CHUNK + 3 }, (_, i) => Math.cos(i) * 5);
    const want = new Float32Array(row.length);
    softmaxRowsF32(row, 0, want, 0, 1, row.length, true);
    expect(simdSoftmaxF32(row, 0, row, 0, 1, row.length, true)).toBe(true);
    expect(bitsOf(row)).toEqual(bitsOf(want));
    setSimdEnabled(false);
    expect(simdSoftmaxF32(x, 0, new Float32Array(8), 0, 1, 8, false)).toBe(false);
  });

  it("reads and writes at the offsets given, in place too (TypeScript twin)", () => {
    const x = Float32Array.from({ length: 40 }, (_, i) => (i % 7) - 3);
    const want = new Float32Array(20);
    softmaxRowsF32(x, 10, want, 0, 2, 10, false);
    const inPlace = x.slice();
    softmaxRowsF32(inPlace, 10, inPlace, 10, 2, 10, false);
    expect(Array.from(inPlace.subarray(10, 30))).toEqual(Array.from(want));
    expect(Array.from(inPlace.subarray(0, 10))).toEqual(Array.from(x.subarray(0, 10)));
    const viaSimd = new Float32Array(24).fill(7);
    expect(simdSoftmaxF32(x, 10, viaSimd, 2, 2, 10, false)).toBe(true);
    expect(Array.from(viaSimd.subarray(2, 22))).toEqual(Array.from(want));
    expect([viaSimd[0], viaSimd[1], viaSimd[22], viaSimd[23]]).toEqual([7, 7, 7, 7]);
    // rows of five, log-softmax, in place through the kernels
    const wantLog = new Float32Array(20);
    softmaxRowsF32(x, 10, wantLog, 0, 4, 5, true);
    const inPlaceSimd = x.slice();
    expect(simdSoftmaxF32(inPlaceSimd, 10, inPlaceSimd, 10, 4, 5, true)).toBe(true);
    expect(Array.from(inPlaceSimd.subarray(10, 30))).toEqual(Array.from(wantLog));
    expect(Array.from(inPlaceSimd.subarray(30))).toEqual(Array.from(x.subarray(30)));
  });
});

describe("fused float32 softmax rows: accuracy", () => {
  it("is within a few float32 roundings of softmax and log-softmax in float64", () => {
    const rows = 64;
    for (const cols of [3, 8, 13, 100, 1000]) {
      const x = Float32Array.from({ length: rows * cols }, (_, i) =>
        Math.fround(Math.cos(i * 1.3) * 15),
      );
      for (const log of [false, true]) {
        const got = new Float32Array(rows * cols);
        softmaxRowsF32(x, 0, got, 0, rows, cols, log);
        let worst = 0;
        for (let r = 0; r < rows; r++) {
          const row = Array.from(x.subarray(r * cols, (r + 1) * cols));
          const m = Math.max(...row);
          const s = row.reduce((acc, v) => acc + Math.exp(v - m), 0);
          for (let j = 0; j < cols; j++) {
            const want = log ? row[j]! - m - Math.log(s) : Math.exp(row[j]! - m) / s;
            // relative to the value (log-softmax: to at least 1), plus float32's smallest step
            const scale = log ? Math.max(1, Math.abs(want)) : want;
            worst = Math.max(worst, (Math.abs(got[r * cols + j]! - want) - 1.5e-45) / scale);
          }
        }
        expect(worst, `${cols} columns, log ${log}`).toBeLessThan(2e-6);
      }
    }
  });
});

describe("row sums in PyTorch's reduction order (its softmax backward)", () => {
  it("sums fewer than eight in order from the first element, -0 kept; more in eight lanes", () => {
    expect(Object.is(laneSumF32(Float32Array.of(-0, -0), 0, 2), -0)).toBe(true);
    expect(laneSumF32(new Float32Array(0), 0, 0)).toBe(0);
    // 1 + 2^-24 + 2^-24 in order is 1; lanes (1 and 2^-24 apart until the fold) keep more
    const tiny = 2 ** -24;
    expect(laneSumF32(Float32Array.of(1, tiny, tiny), 0, 3)).toBe(1);
    const row = new Float32Array(16).fill(0);
    row[0] = 1;
    row[8] = tiny;
    row[4] = tiny;
    // lane 0: 1 + 2^-24 = 1 (a tie, to even); lane 4: 2^-24; folded (s0 + s4) = 1 + 2^-24 = 1
    expect(laneSumF32(row, 0, 16)).toBe(1);
    row[12] = tiny;
    // lane 4: 2^-23, so s0 + s4 = 1 + 2^-23, representable
    expect(laneSumF32(row, 0, 16)).toBe(1 + 2 ** -23);
  });

  it("accumulates products after the first eight with one rounding each (a fused multiply-add)", () => {
    const a = new Float32Array(9).fill(0);
    const b = new Float32Array(9).fill(0);
    // lane 0: 1·(-1), then + (1 + 2^-12)·(1 - 2^-12), which is 1 - 2^-24 exactly
    a[0] = 1;
    b[0] = -1;
    a[8] = 1 + 2 ** -12;
    b[8] = 1 - 2 ** -12;
    // fused: -1 + (1 - 2^-24) = -2^-24 exactly; rounded product first: -1 + 1 = 0
    expect(laneDotF32(a, 0, b, 0, 9)).toBe(-(2 ** -24));
    expect(laneDotF32(a, 0, b, 0, 8)).toBe(-1);
    expect(laneDotF32(Float32Array.of(3, 4), 0, Float32Array.of(5, 6), 0, 2)).toBe(39);
  });
});
