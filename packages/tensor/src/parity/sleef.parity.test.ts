import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { sleefExpf } from "../kernels/sleefExpf.js";
import { sleefLogf } from "../kernels/sleefLogf.js";
import { sigmoidContiguousF32 } from "../kernels/sleefSigmoidf.js";
import { tanhf } from "../kernels/tanhf.js";
import { setSimdEnabled } from "../kernels/wasm/simd.js";
import { readFixture } from "../testing/fixtures.js";

/** One function's part of scripts/torch/gen_tensor_sleef.py's fixture. */
type Results = { checksums: number[]; x: number[]; y: number[] };
const fixture = readFixture<
  { step: number; block: number; count: number } & Record<string, Results>
>("sleef");

/** The generator's inputs: every `step`th float32 bit pattern from 0. */
function patterns(): Float32Array {
  const bits = new Uint32Array(fixture.count);
  for (let i = 0; i < fixture.count; i++) bits[i] = Math.imul(i, fixture.step) >>> 0;
  return new Float32Array(bits.buffer);
}

/** The generator's checksum of each block of results (NaN counted as 0x7fc00000). */
function checksums(y: Float32Array): number[] {
  const bits = new Uint32Array(y.buffer, y.byteOffset, y.length);
  const sums: number[] = [];
  for (let at = 0; at < y.length; at += fixture.block) {
    let h = 0;
    const end = Math.min(y.length, at + fixture.block);
    for (let i = at; i < end; i++) {
      const b = Number.isNaN(y[i]!) ? 0x7fc00000 : bits[i]!;
      h = (h + Math.imul(b, 2 * (i - at) + 1)) | 0;
    }
    sums.push(h >>> 0);
  }
  return sums;
}

/** Indices of blocks whose checksums differ from PyTorch's. */
function wrongBlocks(y: Float32Array, want: readonly number[]): number[] {
  const got = checksums(y);
  return want.flatMap((w, i) => (got[i] === w ? [] : [i]));
}

/** A TypeScript twin over a whole contiguous run. */
const each = (fn: (v: number) => number) => (x: Float32Array) => x.map((v) => fn(v));
const ops = {
  tanh: [T.tanh, each(tanhf)],
  exp: [T.exp, each(sleefExpf)],
  log: [T.log, each(sleefLogf)],
  // whole groups of sixteen take the vector formula, the run's last count % 16 the scalar one
  sigmoid: [
    T.sigmoid,
    (x: Float32Array) => {
      const out = new Float32Array(x.length);
      sigmoidContiguousF32(x, 0, out, 0, x.length);
      return out;
    },
  ],
} as const;

describe("tanh, exp, log and sigmoid give PyTorch's bits (SLEEF's algorithms, float32)", () => {
  const x = patterns();
  for (const [name, [op, twin]] of Object.entries(ops)) {
    const c = fixture[name]!;
    it(`${name}: 1M bit patterns of both signs (every ${fixture.step}th), by the kernels`, () => {
      const y = op(T.fromTypedArray(x, [x.length])).toTypedArray() as Float32Array;
      expect(wrongBlocks(y, c.checksums)).toEqual([]);
    });

    it(`${name}: the same by the TypeScript twin, and 300 values of randn and rand`, () => {
      setSimdEnabled(false);
      try {
        expect(wrongBlocks(twin(x), c.checksums)).toEqual([]);
      } finally {
        setSimdEnabled(true);
      }
      setSimdEnabled(false);
      try {
        const got = op(T.tensor(c.x)).toArray() as number[];
        expect(got).toEqual(c.y);
      } finally {
        setSimdEnabled(true);
      }
    });
  }

  it("sigmoid: contiguous runs of 1 to 1003 elements, the vector formula for whole groups of 16 and the scalar one after", () => {
    for (const simd of [true, false]) {
      setSimdEnabled(simd);
      try {
        for (const run of fixture.lengths as unknown as { x: number[]; sigmoid: number[] }[]) {
          expect(T.sigmoid(T.tensor(run.x)).toArray(), `${run.x.length}`).toEqual(run.sigmoid);
        }
      } finally {
        setSimdEnabled(true);
      }
    }
  });
});
