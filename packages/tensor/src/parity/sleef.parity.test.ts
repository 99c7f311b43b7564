import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { sleefExpf } from "../kernels/sleefExpf.js";
import { sleefLogf } from "../kernels/sleefLogf.js";
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

const ops = { tanh: [T.tanh, tanhf], exp: [T.exp, sleefExpf], log: [T.log, sleefLogf] } as const;

describe("tanh, exp and log give PyTorch's bits (SLEEF's algorithms, float32)", () => {
  const x = patterns();
  for (const [name, [op, twin]] of Object.entries(ops)) {
    const c = fixture[name]!;
    it(`${name}: 1M bit patterns of both signs (every ${fixture.step}th), by the kernels`, () => {
      const y = op(T.fromTypedArray(x, [x.length])).toTypedArray() as Float32Array;
      expect(wrongBlocks(y, c.checksums)).toEqual([]);
    });

    it(`${name}: the same by the TypeScript twin, and 300 values of randn and rand`, () => {
      const y = x.map((v) => twin(v));
      expect(wrongBlocks(y, c.checksums)).toEqual([]);
      setSimdEnabled(false);
      try {
        const got = op(T.tensor(c.x)).toArray() as number[];
        expect(got).toEqual(c.y);
      } finally {
        setSimdEnabled(true);
      }
    });
  }
});
