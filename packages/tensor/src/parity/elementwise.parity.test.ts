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
  unaryGrad: Record<string, number[]>;
  powScalars: Record<string, number[]>;
  powScalarsGrad: Record<string, number[]>;
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
  "rsqrt",
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

/**
 * Ops whose gradients are bit-identical to PyTorch's at these points: the same formula, in the
 * same order, from an output that is itself bit-identical (or none). The others' outputs differ
 * from PyTorch's by an ulp now and then (exp, tanh, sin...: different elementary functions), and
 * so do their gradients: a formula like tanh's `1 - t²` turns that ulp of t into up to a few ulps
 * of 1 times g, so their bound adds `4·eps·|g|` to the relative one.
 */
const GRAD_EXACT = new Set([
  "neg",
  "abs",
  "relu",
  "sign",
  "floor",
  "ceil",
  "trunc",
  "round",
  "sqrt",
  "rsqrt",
  "reciprocal",
  "log",
]);

/**
 * Float32 functions computed as PyTorch does in Kindling too (tanhf.ts, sleefExpf.ts, sleefLogf.ts,
 * sleefSigmoidf.ts), so their outputs, and gradients computed from them, are PyTorch's bits.
 */
const SLEEF_F32 = new Set(["exp", "log", "tanh", "sigmoid"]);

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
  const exact = (name: string) => EXACT.has(name) || (dtype === "float32" && SLEEF_F32.has(name));
  const gradExact = (name: string) =>
    GRAD_EXACT.has(name) || (dtype === "float32" && SLEEF_F32.has(name));

  describe(`elementwise parity with PyTorch (${dtype})`, () => {
    for (const [name, expected] of Object.entries(data.unary)) {
      it(`${name} ${exact(name) ? "is bit-identical" : `within rtol ${rtol}`}`, () => {
        for (const [input, want] of [
          [x, expected],
          [p, data.unaryPositive[name]!],
        ] as const) {
          const got = flat(unary[name]!(input).toArray());
          const finite = want.map((v, i) => (Math.abs(v) < 1e300 ? i : -1)).filter((i) => i >= 0);
          const problem = exact(name)
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
    for (const [name, expected] of Object.entries(data.unaryGrad)) {
      const exactGrad = gradExact(name);
      it(`${name}'s gradient at special values ${exactGrad ? "is bit-identical" : `is within rtol ${rtol} (+ 4 eps·|g|)`}`, () => {
        const leaf = x.detach();
        leaf.requiresGrad = true;
        unary[name]!(leaf).backward(y);
        const got = flat(leaf.grad!.toArray());
        if (exactGrad) {
          expect(sameBits(got, expected)).toBeNull();
          return;
        }
        const g = data.y;
        const eps = dtype === "float32" ? 2 ** -23 : 2 ** -52;
        const far = got.findIndex((v, i) => {
          const e = expected[i]!;
          if (Object.is(v, e) || (Number.isNaN(v) && Number.isNaN(e))) return false;
          return !(Math.abs(v - e) <= rtol * Math.abs(e) + 4 * eps * Math.abs(g[i]!));
        });
        expect(far < 0 ? null : `element ${far}: ${got[far]} vs ${expected[far]}`).toBeNull();
      });
    }
    for (const [key, expected] of Object.entries(data.powScalars)) {
      const e = Number(key);
      // 1.5 takes pow itself (PyTorch's powf/pow against V8's, rounded): close, not identical;
      // the gradient is e·x^(e - 1), so exact where e - 1 is one of the special exponents too
      const exact = e !== 1.5;
      const gradExact = [3, -1, 0.5, 0, 1.5].includes(e);
      it(`pow(x, ${key}) at special values ${exact ? "is bit-identical" : `is within rtol ${rtol}`}, its gradient ${gradExact ? "bit-identical" : `within rtol ${4 * rtol}`}`, () => {
        const leaf = x.detach();
        leaf.requiresGrad = true;
        const out = T.pow(leaf, e);
        out.backward(y);
        const got = flat(out.toArray());
        const grad = flat(leaf.grad!.toArray());
        const wantGrad = data.powScalarsGrad[key]!;
        expect(exact ? sameBits(got, expected) : closeTo(got, expected, rtol, 1e-300)).toBeNull();
        expect(
          gradExact ? sameBits(grad, wantGrad) : closeTo(grad, wantGrad, 4 * rtol, 1e-300),
        ).toBeNull();
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
