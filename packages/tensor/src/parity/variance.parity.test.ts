import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { readFixture } from "../testing/fixtures.js";

/** One case of scripts/torch/gen_tensor_variance.py, whose input both sides draw from its seed. */
type Case = {
  base: number[];
  step: number;
  perm: number[];
  dims: number[] | null;
  correction: number;
  keepdim: boolean;
  dtype: "float32" | "float64";
  seed: number;
};
type Result = { shape: number[]; var: number[]; std: number[] };
const fixture = readFixture<{ cases: Case[]; results: Result[] }>("variance");

/** The generator's `build`: PyTorch's float32 normals for the seed, cast, viewed. */
function build(c: Case): T.Tensor {
  T.manualSeed(c.seed);
  const base = T.randn(c.base).mul(3).add(1).to(c.dtype);
  return base.slice(-1, null, null, c.step).permute(...c.perm);
}

function mismatches(got: ArrayLike<number>, want: readonly number[]): number {
  let bad = got.length === want.length ? 0 : 1;
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) bad++;
  return bad;
}

describe("var and std give PyTorch's bits (one thread)", () => {
  it("over all elements (two passes) and over dims (Welford), any layout, float32 and float64", () => {
    const bad: string[] = [];
    fixture.cases.forEach((c, i) => {
      const x = build(c);
      // (the generator reduces all dims without keepdim)
      const options = { correction: c.correction, keepdim: c.dims !== null && c.keepdim };
      const v = x.var(c.dims, options);
      const s = x.std(c.dims, options);
      const want = fixture.results[i]!;
      const wrong =
        mismatches(v.contiguous().toTypedArray() as Float32Array, want.var) +
        mismatches(s.contiguous().toTypedArray() as Float32Array, want.std);
      if (wrong > 0 || v.shape.join() !== want.shape.join())
        bad.push(`${JSON.stringify(c)}: ${wrong}`);
    });
    expect(bad).toEqual([]);
  });
});
