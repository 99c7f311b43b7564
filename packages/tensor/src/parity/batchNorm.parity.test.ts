import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { readFixture } from "../testing/fixtures.js";

/** One case of scripts/torch/gen_tensor_batchnorm.py, whose inputs both sides draw from its seed. */
type Case = {
  n: number;
  c: number;
  dtype: "float32" | "float64";
  affine: boolean;
  train: boolean;
  seed: number;
};
type Result = { out: number[]; x_grad: number[]; w_grad?: number[]; b_grad?: number[] };
const fixture = readFixture<{ cases: Case[]; results: Result[] }>("batchNorm");

function flat(t: T.Tensor): number[] {
  return Array.from(t.contiguous().toTypedArray() as Float32Array | Float64Array);
}

/** The generator's draws and calls, in its order. */
function run(c: Case): Record<string, number[]> {
  T.manualSeed(c.seed);
  const x = T.randn([c.n, c.c]).mul(2).add(0.5).to(c.dtype).requiresGrad_();
  const w = c.affine ? T.randn([c.c]).mul(0.5).add(1).to(c.dtype).requiresGrad_() : null;
  const b = c.affine ? T.randn([c.c]).to(c.dtype).requiresGrad_() : null;
  const rm = c.train ? null : T.randn([c.c]).to(c.dtype);
  const rv = c.train ? null : T.rand([c.c]).add(0.5).to(c.dtype);
  const g = T.randn([c.n, c.c]).to(c.dtype);
  const y =
    rm === null || rv === null
      ? T.batchNormTrain(x, w, b, 1e-5)
      : T.batchNormEval(x, rm, rv, w, b, 1e-5);
  y.backward(g);
  const out: Record<string, number[]> = { out: flat(y), x_grad: flat(x.grad!) };
  if (w !== null && b !== null) {
    out.w_grad = flat(w.grad!);
    out.b_grad = flat(b.grad!);
  }
  return out;
}

describe("batch norm of [N, C] gives PyTorch's bits (its channels-last CPU kernels)", () => {
  it("batchNormTrain and batchNormEval, forward and backward, float32 and float64, with and without affine", () => {
    const bad: string[] = [];
    fixture.cases.forEach((c, i) => {
      const got = run(c);
      for (const [key, want] of Object.entries(fixture.results[i]!)) {
        const values = got[key]!;
        const wrong = want.filter((v, j) => !Object.is(values[j], v)).length;
        if (wrong > 0 || values.length !== want.length)
          bad.push(
            `#${i} ${c.n}x${c.c} ${c.dtype} ${c.train ? "train" : "eval"} ${key}: ${wrong} of ${want.length}`,
          );
      }
    });
    expect(bad).toEqual([]);
  });
});
