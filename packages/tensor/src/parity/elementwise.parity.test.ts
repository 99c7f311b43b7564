import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import type { Tensor } from "../tensor.js";
import { closeTo, flat, readFixture } from "../testing/fixtures.js";

type Entry = {
  x: number[];
  y: number[];
  positive: number[];
  unary: Record<string, number[]>;
  unaryPositive: Record<string, number[]>;
  binary: Record<string, number[]>;
  clamp: number[];
  clampCrossed: number[];
  powScalar2: number[];
  powScalarHalf: number[];
  linspace: number[];
  arange: number[];
};
const fixture = readFixture<Record<"float32" | "float64", Entry>>("elementwise");

/** Ops whose float32 (and float64) results PyTorch rounds exactly once: we must match bit for bit. */
const EXACT = new Set([
  "neg",
  "abs",
  "sqrt",
  "relu",
  "reciprocal",
  "sign",
  "floor",
  "ceil",
  "trunc",
  "round",
  "add",
  "sub",
  "mul",
  "div",
  "maximum",
  "minimum",
]);

const unary = T as unknown as Record<string, (x: Tensor) => Tensor>;
const binary = T as unknown as Record<string, (x: Tensor, y: Tensor) => Tensor>;

function sameBits(actual: readonly number[], expected: readonly number[]): string | null {
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e))))
      return `element ${i}: ${a} vs ${e}`;
  }
  return null;
}

for (const dtype of ["float32", "float64"] as const) {
  const data = fixture[dtype];
  const x = T.tensor(data.x, { dtype });
  const y = T.tensor(data.y, { dtype });
  const p = T.tensor(data.positive, { dtype });
  // Transcendental functions: PyTorch uses SLEEF/libm, we use V8's Math (correctly rounded in
  // practice) in double precision rounded once: at most a couple of ulps apart.
  const rtol = dtype === "float32" ? 4e-7 : 4e-16;

  describe(`elementwise parity with PyTorch (${dtype})`, () => {
    for (const [name, expected] of Object.entries(data.unary)) {
      it(`${name} ${EXACT.has(name) ? "is bit-identical" : `within rtol ${rtol}`}`, () => {
        for (const [input, want] of [
          [x, expected],
          [p, data.unaryPositive[name]!],
        ] as const) {
          const got = flat(unary[name]!(input).toArray());
          const finite = want.map((v, i) => (Math.abs(v) < 1e300 ? i : -1)).filter((i) => i >= 0);
          const problem = EXACT.has(name)
            ? sameBits(got, want)
            : closeTo(
                finite.map((i) => got[i]!),
                finite.map((i) => want[i]!),
                rtol,
                1e-300,
              );
          expect(problem).toBeNull();
        }
      });
    }
    for (const [name, expected] of Object.entries(data.binary)) {
      it(`${name} ${EXACT.has(name) ? "is bit-identical" : `within rtol ${rtol}`}`, () => {
        const got = flat(binary[name]!(x, y).toArray());
        const problem = EXACT.has(name)
          ? sameBits(got, expected)
          : closeTo(got, expected, rtol, 1e-300);
        expect(problem).toBeNull();
      });
    }
    it("clamp, pow(x, 2), linspace and arange are bit-identical; pow(x, 0.5) is close", () => {
      expect(sameBits(flat(T.clamp(x, -1, 2).toArray()), data.clamp)).toBeNull();
      // min above max: PyTorch gives max everywhere (NaN stays NaN)
      expect(sameBits(flat(T.clamp(x, 1, -1).toArray()), data.clampCrossed)).toBeNull();
      // int64 alike: torch.clamp(torch.tensor([5, -5, 0]), min=2, max=1) is tensor([1, 1, 1])
      expect(T.clamp(T.tensor([5, -5, 0], { dtype: "int64" }), 2, 1).toArray()).toEqual([1, 1, 1]);
      expect(sameBits(flat(T.pow(x, 2).toArray()), data.powScalar2)).toBeNull();
      // a large tensor takes the multiply's SIMD kernel: still x * x, including a square that
      // falls exactly between two float32 values ((1 + 2^-12)^2)
      const big = T.cat([
        T.rand([1000], { dtype }).mul(10).sub(5),
        T.tensor([1 + 2 ** -12], { dtype }),
      ]);
      expect(sameBits(flat(T.pow(big, 2).toArray()), flat(T.mul(big, big).toArray()))).toBeNull();
      expect(
        sameBits(flat(T.linspace(-3.7, 11.3, 29, { dtype }).toArray()), data.linspace),
      ).toBeNull();
      expect(closeTo(flat(T.pow(p, 0.5).toArray()), data.powScalarHalf, rtol, 0)).toBeNull();
      expect(sameBits(flat(T.arange(-1.5, 2.3, 0.3, { dtype }).toArray()), data.arange)).toBeNull();
    });
  });
}
