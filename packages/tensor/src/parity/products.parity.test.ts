import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { setSimdEnabled } from "../kernels/wasm/simd.js";
import { readFixture } from "../testing/fixtures.js";

/** One case of scripts/torch/gen_tensor_products.py, whose inputs both sides draw from its seed. */
type Case = {
  op: "mm" | "linear" | "bmm" | "dot" | "mv";
  m: number;
  k: number;
  n: number;
  batch: number;
  a: "n" | "t";
  b: "n" | "t";
  seed: number;
};
type Result = { out: number[]; x_grad?: number[]; w_grad?: number[]; b_grad?: number[] };
const fixture = readFixture<{ cases: Case[]; results: Result[] }>("products");

/** The generator's `matrix`: contiguous, or the transpose of a contiguous one. */
function matrix(rows: number, cols: number, layout: "n" | "t"): T.Tensor {
  return layout === "n" ? T.randn([rows, cols]) : T.randn([cols, rows]).t();
}

function flat(t: T.Tensor): number[] {
  return Array.from(t.contiguous().toTypedArray() as Float32Array);
}

/** Every result of a case, in the generator's order and names. */
function run(c: Case): Record<string, number[]> {
  T.manualSeed(c.seed);
  switch (c.op) {
    case "mm":
      return { out: flat(T.mm(matrix(c.m, c.k, c.a), matrix(c.k, c.n, c.b))) };
    case "linear": {
      const x = T.randn([c.m, c.k]).requiresGrad_();
      const w = T.randn([c.n, c.k]).requiresGrad_();
      const bias = T.randn([c.n]).requiresGrad_();
      const g = T.randn([c.m, c.n]);
      const y = T.linear(x, w, bias);
      y.backward(g);
      return {
        out: flat(y),
        x_grad: flat(x.grad!),
        w_grad: flat(w.grad!),
        b_grad: flat(bias.grad!),
      };
    }
    case "bmm": {
      const a = T.randn([c.batch, c.m, c.k]);
      return { out: flat(T.bmm(a, T.randn([c.batch, c.k, c.n]))) };
    }
    case "dot": {
      const a = T.randn([c.k]);
      return { out: [T.matmul(a, T.randn([c.k])).item() as number] };
    }
    case "mv": {
      const a = T.randn([c.m, c.k]);
      return { out: flat(T.matmul(a, T.randn([c.k]))) };
    }
  }
}

function mismatches(): string[] {
  const bad: string[] = [];
  fixture.cases.forEach((c, i) => {
    const got = run(c);
    for (const [key, want] of Object.entries(fixture.results[i]!)) {
      const values = got[key]!;
      const wrong = want.filter((v, j) => !Object.is(values[j], v)).length;
      if (wrong > 0 || values.length !== want.length)
        bad.push(`${c.op} #${i} ${key}: ${wrong} of ${want.length}`);
    }
  });
  return bad;
}

describe("small float32 products give PyTorch's bits (reference BLAS)", () => {
  it("mm in every layout, linear with its three gradients, bmm, dot and mv", () => {
    expect(mismatches()).toEqual([]);
  });

  it("the same without WebAssembly (the TypeScript loops)", () => {
    setSimdEnabled(false);
    try {
      expect(mismatches()).toEqual([]);
    } finally {
      setSimdEnabled(true);
    }
  });
});
