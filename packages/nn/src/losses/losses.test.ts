import type { DType, Tensor } from "@kindling/tensor";
import { linspace } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import type { Reduction } from "../functional/losses/reduction.js";
import { expectClose, flat, fromFlat, loadFixture, tolerance } from "../testing/fixtures.js";
import { BCELoss } from "./bceLoss.js";
import { BCEWithLogitsLoss } from "./bceWithLogitsLoss.js";
import { CrossEntropyLoss } from "./crossEntropyLoss.js";
import { HuberLoss } from "./huberLoss.js";
import { L1Loss } from "./l1Loss.js";
import type { Loss } from "./loss.js";
import { MSELoss } from "./mseLoss.js";
import { NLLLoss } from "./nllLoss.js";
import { SmoothL1Loss } from "./smoothL1Loss.js";

interface LossCase {
  name: string;
  dtype: DType;
  reduction: Reduction;
  options: {
    weight?: number[];
    pos_weight?: number[];
    label_smoothing?: number;
    beta?: number;
    delta?: number;
  };
  input: number[];
  input_shape: number[];
  target: number[];
  target_shape: number[];
  target_dtype: DType;
  output: number[];
  output_shape: number[];
  input_grad: number[];
}

function build(c: LossCase): Loss {
  const vec = (v: number[] | undefined): Tensor | null =>
    v === undefined ? null : fromFlat(v, [v.length], c.dtype);
  const reduction = c.reduction;
  const o = c.options;
  switch (c.name) {
    case "MSELoss":
      return new MSELoss({ reduction });
    case "L1Loss":
      return new L1Loss({ reduction });
    case "SmoothL1Loss":
      return new SmoothL1Loss({ reduction, beta: o.beta ?? 1 });
    case "HuberLoss":
      return new HuberLoss({ reduction, delta: o.delta ?? 1 });
    case "CrossEntropyLoss":
      return new CrossEntropyLoss({
        reduction,
        weight: vec(o.weight),
        labelSmoothing: o.label_smoothing ?? 0,
      });
    case "NLLLoss":
      return new NLLLoss({ reduction, weight: vec(o.weight) });
    case "BCELoss":
      return new BCELoss({ reduction });
    default:
      return new BCEWithLogitsLoss({ reduction, posWeight: vec(o.pos_weight) });
  }
}

const cases = loadFixture<LossCase[]>("losses");

describe("losses against PyTorch 1.13 (forward and input gradient)", () => {
  for (const c of cases) {
    it(`${c.name} ${JSON.stringify(c.options)} ${c.reduction} ${c.dtype}`, () => {
      const x = fromFlat(c.input, c.input_shape, c.dtype).requiresGrad_();
      const target = fromFlat(c.target, c.target_shape, c.target_dtype);
      const loss = build(c).call(x, target);
      expect(loss.shape).toEqual(c.output_shape);
      const g =
        c.reduction === "none"
          ? linspace(-1, 1, loss.numel(), { dtype: c.dtype }).reshape(...loss.shape)
          : linspace(1, 1, 1, { dtype: c.dtype }).reshape();
      loss.mul(g).sum().backward();
      const tol = tolerance(c.dtype);
      expectClose(flat(loss), c.output, tol, "loss");
      expectClose(flat(x.grad!), c.input_grad, tol, "input grad");
    });
  }
});
