import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { ASGD } from "./asgd.js";

describe("ASGD", () => {
  it("takes PyTorch's first step and keeps its state keys (the doc example)", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new ASGD([w], { lr: 0.05, t0: 10 });
    w.mul(w).sum().backward();
    opt.step();
    // torch.optim.ASGD([w], lr=0.05, t0=10) after one step: [0.899994969367981, 1.799989938735962]
    expect(w.toArray()).toEqual([0.899994969367981, 1.799989938735962]);
    expect(Object.keys(opt.stateDict().state[0]!)).toEqual(["step", "eta", "mu", "ax"]);
  });

  it("keeps eta and mu as float32 scalars for a float64 parameter, as PyTorch does", () => {
    const w = tensor([1, 2], { dtype: "float64", requiresGrad: true });
    const opt = new ASGD([w]);
    w.grad = tensor([1, 1], { dtype: "float64" });
    opt.step();
    const state = opt.state.get(w)!;
    expect((state.eta as typeof w).dtype).toBe("float32");
    expect((state.mu as typeof w).dtype).toBe("float32");
    expect((state.ax as typeof w).dtype).toBe("float64");
  });
});
