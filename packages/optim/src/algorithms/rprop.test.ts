import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { OptimizerError } from "../base/optimizerError.js";
import { Rprop } from "./rprop.js";

const f32 = (values: number[]) => values.map(Math.fround);

describe("Rprop", () => {
  it("moves each element by its step size against its gradient's sign (the doc example)", () => {
    const w = tensor([1, -2], { requiresGrad: true });
    const opt = new Rprop([w], { lr: 0.1 });
    w.mul(w).sum().backward();
    opt.step();
    // torch.optim.Rprop([w], lr=0.1) after one step: [0.8999999761581421, -1.899999976158142]
    expect(w.toArray()).toEqual(f32([0.9, -1.9]));
  });

  it("treats a NaN product of signs as no change and a flip as a skipped step, as PyTorch does", () => {
    const p = tensor([1, 2, 3], { requiresGrad: true });
    const opt = new Rprop([p], { lr: 0.1 });
    // Expected values from PyTorch 1.13, the same three gradients.
    const steps: [number[], number[], number[], number[]][] = [
      [
        [Number.NaN, 1, -1],
        [1, 1.9, 3.1],
        [0.1, 0.1, 0.1],
        [Number.NaN, 1, -1],
      ],
      [
        [1, Number.NaN, 1],
        [0.9, 1.9, 3.1],
        [0.1, 0.1, 0.05],
        [1, Number.NaN, 0],
      ],
      [
        [1, 1, 1],
        [0.7799999713897705, 1.8, 3.049999952316284],
        [0.12000000476837158, 0.1, 0.05],
        [1, 1, 1],
      ],
    ];
    for (const [grad, param, stepSize, prev] of steps) {
      p.grad = tensor(grad);
      opt.step();
      const state = opt.state.get(p)!;
      expect(p.toArray()).toEqual(f32(param));
      expect((state.step_size as typeof p).toArray()).toEqual(f32(stepSize));
      expect((state.prev as typeof p).toArray()).toEqual(f32(prev));
    }
    expect(opt.state.get(p)!.step).toBe(3);
  });

  it("refuses etas outside 0 < etaminus < 1 < etaplus with PyTorch's message", () => {
    const p = [tensor([1], { requiresGrad: true })];
    expect(() => new Rprop(p, { etas: [0.5, 1] })).toThrow(
      new OptimizerError("Invalid eta values: 0.5, 1"),
    );
    expect(() => new Rprop(p, { etas: [0.5] as never })).toThrow(/etas must be a pair/);
    expect(() => new Rprop(p, { stepSizes: [1e-6, "50"] as never })).toThrow(
      /step_sizes must be a pair of numbers/,
    );
  });
});
