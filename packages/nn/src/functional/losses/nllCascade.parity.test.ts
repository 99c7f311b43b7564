import {
  type DType,
  logSoftmax,
  manualSeed,
  rand,
  randint,
  randn,
  type Tensor,
} from "@kindling/tensor";
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
      // The log-softmax before the NLL is a couple of ulps from PyTorch's for some rows (V8's
      // exp and log against SLEEF's and glibc's): cross entropy within that, the NLL exact.
      const rtol = c.dtype === "float32" ? 6e-7 : 4e-16;
      const ceClose = Object.is(ce, want.ce) || Math.abs(ce - want.ce) <= rtol * Math.abs(want.ce);
      if (Object.is(ce, want.ce)) exactCe++;
      if (!Object.is(nll, want.nll) || !ceClose) {
        bad.push(`${JSON.stringify(c)}: nll ${nll} vs ${want.nll}, ce ${ce} vs ${want.ce}`);
      }
    });
    expect(bad).toEqual([]);
    // most cross entropies are exact too (all but one float32 case when this was written)
    expect(exactCe).toBeGreaterThan(fixture.cases.length / 2);
  });
});
