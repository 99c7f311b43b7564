import { afterEach, describe, expect, it } from "vitest";
import * as T from "../index.js";
import { setSimdEnabled } from "../kernels/wasm/simd.js";
import { flat, readFixture } from "../testing/fixtures.js";

type Case = {
  seed: number;
  gradSeed: number;
  shape: [number, number];
  scale: number;
  softmax: unknown;
  logSoftmax: unknown;
  softmaxGrad: unknown;
  logSoftmaxGrad: unknown;
};
type Rows = { x: unknown; softmax: unknown; logSoftmax: unknown };
const fixture = readFixture<{ cases: Case[]; special: Rows; short: Rows }>("softmax");

const bits = new Float32Array(1);
const word = new Int32Array(bits.buffer);
/** Distance in float32 steps (ulps) between two float32 values of the same sign; 0 for two NaNs. */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  bits[0] = a;
  const x = word[0]!;
  bits[0] = b;
  return Math.abs(x - word[0]!);
}

/** The largest ulp distance and how many elements differ at all. */
function compare(got: T.Tensor, want: unknown): { worst: number; differ: number; n: number } {
  const g = flat(got.toArray());
  const w = flat(want);
  expect(g.length).toBe(w.length);
  let worst = 0;
  let differ = 0;
  for (let i = 0; i < g.length; i++) {
    const d = ulps(g[i]!, w[i]!);
    if (d > 0) differ++;
    worst = Math.max(worst, d);
  }
  return { worst, differ, n: g.length };
}

afterEach(() => {
  setSimdEnabled(true);
});

/**
 * Every random case's gradient of `op` for its upstream gradient against PyTorch's: `far` gives
 * the index of an element out of bounds (or -1), checked per case; returns how many differ.
 */
function gradients(
  op: "softmax" | "logSoftmax",
  far: (got: number[], want: number[], g: number[]) => number,
): { differ: number; n: number } {
  let differ = 0;
  let n = 0;
  for (const c of fixture.cases) {
    const x = T.randn(c.shape, { generator: new T.Generator().manualSeed(c.seed) })
      .mul(c.scale)
      .requiresGrad_();
    const g = T.randn(c.shape, { generator: new T.Generator().manualSeed(c.gradSeed) });
    x[op](-1).backward(g);
    const got = flat(x.grad!.toArray());
    const want = flat(op === "softmax" ? c.softmaxGrad : c.logSoftmaxGrad);
    expect(far(got, want, flat(g.toArray())), `${op} ${c.shape} ×${c.scale}`).toBe(-1);
    differ += got.filter((v, i) => !Object.is(v, want[i])).length;
    n += got.length;
  }
  return { differ, n };
}

// PyTorch's kernels (AVX2) sum a row's exponentials in eight float32 lanes, folded in a fixed
// tree; Kindling's fused kernels use the same order, and SLEEF's expf and logf as PyTorch's do
// (sleefExpf.ts, sleefLogf.ts), so every element is PyTorch's. (With Kindling's own exp and log,
// 520 of these 16,904 elements were up to 3 ulp apart.)

for (const simd of [true, false]) {
  describe(`float32 softmax over the last dim against PyTorch (${simd ? "SIMD" : "TypeScript"})`, () => {
    it("matches bit for bit on random rows of 1 to 1000 elements", () => {
      setSimdEnabled(simd);
      let differ = 0;
      let n = 0;
      for (const c of fixture.cases) {
        const x = T.randn(c.shape, { generator: new T.Generator().manualSeed(c.seed) }).mul(
          c.scale,
        );
        for (const [got, want] of [
          [x.softmax(-1), c.softmax],
          [x.logSoftmax(-1), c.logSoftmax],
        ] as const) {
          const r = compare(got, want);
          expect(r.worst, `${c.shape} ×${c.scale}`).toBe(0);
          differ += r.differ;
          n += r.n;
        }
      }
      expect(n).toBe(16_904);
      expect(differ).toBe(0);
    });
    it("matches bit for bit on NaN, infinities, ties and extreme values", () => {
      setSimdEnabled(simd);
      for (const rows of [fixture.special, fixture.short]) {
        const x = T.tensor(rows.x as T.TensorData);
        expect(compare(x.softmax(1), rows.softmax).worst).toBe(0);
        expect(compare(x.logSoftmax(1), rows.logSoftmax).worst).toBe(0);
      }
    });

    it("gives log-softmax's gradient as PyTorch's kernel does, bit for bit", () => {
      // Each row's Σ g in PyTorch's reduction order, then g - exp(out)·Σ g rounded once (its
      // kernel's expression is contracted to a fused multiply-add), exp being SLEEF's. (98 of
      // these 8,452 elements differed with Kindling's own exp.)
      setSimdEnabled(simd);
      const { differ } = gradients("logSoftmax", (got, want) =>
        got.findIndex((v, i) => !Object.is(v, want[i]!)),
      );
      expect(differ).toBe(0);
    });
    it("gives softmax's gradient as PyTorch's kernel does, bit for bit", () => {
      // Each row's Σ g·out in PyTorch's reduction order (products accumulated by fused
      // multiply-adds after the first eight), then (g - Σ)·out, from the forward's output (447 of
      // these 8,452 elements differed while the forward's exp was Kindling's own).
      setSimdEnabled(simd);
      const { differ } = gradients("softmax", (got, want) =>
        got.findIndex((v, i) => !Object.is(v, want[i]!)),
      );
      expect(differ).toBe(0);
    });
  });
}
