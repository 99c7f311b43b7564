import { tensor } from "@kindling/tensor";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HuberLoss, L1Loss, MSELoss, SmoothL1Loss } from "../index.js";

afterEach(() => {
  vi.restoreAllMocks();
});

function warningsOf(run: () => void): string[] {
  const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    run();
    return spy.mock.calls.map((c) => String(c[0]));
  } finally {
    spy.mockRestore();
  }
}

const message = (target: string, input: string): string =>
  `UserWarning: Using a target size (torch.Size([${target}])) that is different to the input size (torch.Size([${input}])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`;

describe("regression losses warn on differing sizes, as PyTorch", () => {
  it("MSELoss warns when target [4] meets input [4, 1] (and still broadcasts as PyTorch: 3.5)", () => {
    const seen = warningsOf(() => {
      const v = new MSELoss().call(tensor([[1], [2], [3], [4]]), tensor([1, 2, 3, 5]));
      expect(v.item()).toBeCloseTo(3.5, 6);
    });
    expect(seen).toEqual([message("4", "4, 1")]);
  });

  it("L1Loss, SmoothL1Loss and HuberLoss warn too", () => {
    const l1 = warningsOf(() => new L1Loss().call(tensor([[1], [2], [3]]), tensor([1, 2, 3])));
    expect(l1).toEqual([message("3", "3, 1")]);
    const s = warningsOf(() => new SmoothL1Loss().call(tensor([[1], [2]]), tensor([1, 2])));
    expect(s).toEqual([message("2", "2, 1")]);
    const h = warningsOf(() => new HuberLoss().call(tensor([[1, 2]]), tensor([1])));
    expect(h).toEqual([message("1", "1, 2")]);
  });

  it("stays quiet for equal sizes", () => {
    const seen = warningsOf(() => new MSELoss().call(tensor([1, 2]), tensor([1, 3])));
    expect(seen).toEqual([]);
  });
});
