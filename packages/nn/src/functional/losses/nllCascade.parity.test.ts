import { type DType, manualSeed, rand, randint, randn, type Tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { loadFixture } from "../../testing/fixtures.js";
import { crossEntropy } from "./crossEntropy.js";
import { nllLoss } from "./nllLoss.js";

/** One case of scripts/torch/gen_nn_nll.py, whose inputs both sides draw from its seed. */
interface Case {
  shape: number[];
  dtype: DType;
  weighted: boolean;
  ignore: boolean;
  reduction: "mean" | "sum";
  seed: number;
}
const fixture = loadFixture<{ cases: Case[]; results: { nll: number; ce: number }[] }>(
  "nllCascade",
);

/** The generator's `build`, with Kindling's generators (PyTorch's float32 values for a seed). */
function build(c: Case): { x: Tensor; target: Tensor; weight: Tensor | null } {
  manualSeed(c.seed);
  const x = randn(c.shape).mul(3).to(c.dtype);
  const classes = c.shape.length === 1 ? c.shape[0]! : c.shape[1]!;
  const targetShape = c.shape.length === 1 ? [] : [c.shape[0]!, ...c.shape.slice(2)];
  const target = randint(0, classes, targetShape);
  if (c.ignore) {
    const flat = target.view(-1);
    for (let i = 0; i < flat.numel(); i += 7) flat.narrow(0, i, 1).fill_(-100);
  }
  const weight = c.weighted ? rand([classes]).add(0.5).to(c.dtype) : null;
  return { x, target, weight };
}

describe("nllLoss and crossEntropy reduce as PyTorch's NLL does", () => {
  it("the NLL bit for bit, over 1-d to 5-d inputs, weights, ignored targets, means and sums", () => {
    const bad: string[] = [];
    let exactCe = 0;
    fixture.cases.forEach((c, i) => {
      const { x, target, weight } = build(c);
      const options = { weight, reduction: c.reduction };
      const nll = nllLoss(x, target, options).item();
      const ce = crossEntropy(x, target, options).item();
      const want = { nll: Number(fixture.results[i]!.nll), ce: Number(fixture.results[i]!.ce) };
      // Float32 cross entropy is exact too: its log-softmax takes SLEEF's exp and log, as
      // PyTorch's. Float64's are V8's Math.exp and Math.log against SLEEF's double functions,
      // a couple of ulps apart for some rows: within that.
      const rtol = c.dtype === "float32" ? 6e-7 : 4e-16;
      const ceClose = Object.is(ce, want.ce) || Math.abs(ce - want.ce) <= rtol * Math.abs(want.ce);
      if (Object.is(ce, want.ce)) exactCe++;
      else if (c.dtype === "float32") bad.push(`${JSON.stringify(c)}: ce ${ce} vs ${want.ce}`);
      if (!Object.is(nll, want.nll) || !ceClose) {
        bad.push(`${JSON.stringify(c)}: nll ${nll} vs ${want.nll}, ce ${ce} vs ${want.ce}`);
      }
    });
    expect(bad).toEqual([]);
    // all float32 ones and most float64 ones (all but 4 of 112 when this was written)
    expect(exactCe).toBeGreaterThan(fixture.cases.length - 10);
  });
});
