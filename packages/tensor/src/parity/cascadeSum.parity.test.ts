import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { readFixture } from "../testing/fixtures.js";

/** One sum of scripts/torch/gen_tensor_cascade_sum.py: how its input is built and reduced. */
type Case = {
  base: number[];
  start: number;
  step: number;
  perm: number[];
  dims: number[] | null;
  keepdim: boolean;
  seed: number;
};
type Result = { shape: number[]; sum: number[]; mean: number[] };
type Special = { x: number[] } & Record<
  "float32" | "float64",
  { sum: number; rows: number[]; cols: number[] }
>;
const fixture = readFixture<{
  cases: Case[];
  large: Case[];
  float32: Result[];
  float64: Result[];
  largeResults: Record<"float32" | "float64", Result[]>;
  special: Record<string, Special>;
}>("cascadeSum");

/** The generator's 32-bit hash of element `i` (its numpy products are Math.imul's). */
function hash32(i: number, seed: number): number {
  let h = (Math.imul(i, 0x9e3779b1) + (Math.imul(seed, 0x85ebca77) >>> 0)) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h = (h ^ (h >>> 12)) >>> 0;
  h = Math.imul(h, 0x297a2d39) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** The generator's `values`: exact in both languages, exponents from 2^-8 to 2^7. */
function values(
  n: number,
  seed: number,
  dtype: "float32" | "float64",
): Float32Array | Float64Array {
  const out = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h1 = hash32(i, seed);
    const exponent = ((h1 >>> 23) & 15) - 8;
    const sign = (h1 >>> 27) & 1 ? -1 : 1;
    const low = h1 & 0x7fffff;
    const mantissa =
      dtype === "float32"
        ? low / 2 ** 23
        : (low * 2 ** 29 + (hash32(i, seed + 7919) & (2 ** 29 - 1))) / 2 ** 52;
    out[i] = sign * (1 + mantissa) * 2 ** exponent;
  }
  return out;
}

function build(c: Case, dtype: "float32" | "float64"): T.Tensor {
  const n = c.base.reduce((a, b) => a * b, 1);
  const base = T.fromTypedArray(values(n, c.seed, dtype), c.base);
  return base.slice(-1, c.start, null, c.step).permute(...c.perm);
}

/** Indices where `got` and `want` differ as bit patterns (-0 and +0 apart, NaN equal to NaN). */
function mismatches(got: ArrayLike<number>, want: readonly number[]): number[] {
  const bad: number[] = [];
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad.push(i);
  return bad;
}

function check(c: Case, dtype: "float32" | "float64", want: Result): void {
  const x = build(c, dtype);
  const s = c.dims === null ? x.sum() : x.sum(c.dims, c.keepdim);
  const m = c.dims === null ? x.mean() : x.mean(c.dims, c.keepdim);
  expect(s.shape).toEqual(want.shape);
  expect(mismatches(s.contiguous().toTypedArray() as Float32Array, want.sum)).toEqual([]);
  expect(mismatches(m.contiguous().toTypedArray() as Float32Array, want.mean)).toEqual([]);
}

for (const dtype of ["float32", "float64"] as const) {
  describe(`sum and mean give PyTorch's bits (${dtype}, one thread)`, () => {
    it("over every case: lengths across the cascade's levels, rows, columns, layouts", () => {
      fixture.cases.forEach((c, i) => {
        try {
          check(c, dtype, fixture[dtype][i]!);
        } catch (error) {
          throw new Error(`case ${i} ${JSON.stringify(c)}: ${(error as Error).message}`);
        }
      });
    });
    it("past 2^19 vectors, where the levels carry every 32 additions", () => {
      fixture.large.forEach((c, i) => {
        check(c, dtype, fixture.largeResults[dtype][i]!);
      });
    });
    it("NaN, infinities, overflow and signed zeros", () => {
      for (const [name, s] of Object.entries(fixture.special)) {
        const x = T.tensor(s.x, { dtype });
        const want = s[dtype];
        expect(Object.is(x.sum().item(), want.sum), `${name} sum`).toBe(true);
        expect(
          mismatches(x.reshape(1, -1).sum(1).toTypedArray() as Float32Array, want.rows),
        ).toEqual([]);
        const cols = x.reshape(-1, 1).expand(-1, 9).sum(0);
        expect(mismatches(cols.toTypedArray() as Float32Array, want.cols), name).toEqual([]);
      }
    });
  });
}
