import { afterEach, describe, expect, it, vi } from "vitest";
import { CosineAnnealingWarmRestarts } from "../schedulers/cosineAnnealingWarmRestarts.js";
import { StepLR } from "../schedulers/stepLR.js";
import { formatFixed2 } from "./printLr.js";

/** Runs `body` and returns what verbose schedulers printed. */
function printed(body: () => void): string[] {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  body();
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("verbose output (PyTorch's print_lr)", () => {
  it("formats fractional epochs as Python's '%.2f', ties to even", () => {
    // Python: ['%.2f' % x for x in [0.125, -0.125, 0.375, 2.625, -3.875, 2.675, 0.5, 1e21, 12345.125]]
    // -> ['0.12', '-0.12', '0.38', '2.62', '-3.88', '2.67', '0.50', '1000000000000000000000.00', '12345.12']
    expect(
      [0.125, -0.125, 0.375, 2.625, -3.875, 2.675, 0.5, 1e21, 12345.125].map(formatFixed2),
    ).toEqual([
      "0.12",
      "-0.12",
      "0.38",
      "2.62",
      "-3.88",
      "2.67",
      "0.50",
      "1000000000000000000000.00",
      "12345.12",
    ]);
  });

  it("CosineAnnealingWarmRestarts always prints an epoch, as PyTorch's step() does", () => {
    // torch: w = CosineAnnealingWarmRestarts(SGD(..., lr=0.1), T_0=4, verbose=True)
    //        o.step(); w.step(); w.step(0.125); w.step(2.5); w.step(); w.step(6)
    const lines = printed(() => {
      const o = { paramGroups: [{ lr: 0.1 }], step() {} };
      const w = new CosineAnnealingWarmRestarts(o, { t0: 4, verbose: true });
      o.step();
      w.step();
      w.step(0.125);
      w.step(2.5);
      w.step();
      w.step(6);
    });
    expect(lines).toEqual([
      "Epoch 00000: adjusting learning rate of group 0 to 1.0000e-01.",
      "Epoch 00001: adjusting learning rate of group 0 to 8.5355e-02.",
      "Epoch 0.12: adjusting learning rate of group 0 to 9.9759e-02.",
      "Epoch 2.50: adjusting learning rate of group 0 to 3.0866e-02.",
      "Epoch 00003: adjusting learning rate of group 0 to 3.8060e-03.",
      "Epoch 00006: adjusting learning rate of group 0 to 5.0000e-02.",
    ]);
  });

  it("CosineAnnealingWarmRestarts resumed at last_epoch 5 prints epoch 6 at construction", () => {
    // torch: CosineAnnealingWarmRestarts(opt with initial_lr 0.1, T_0=4, last_epoch=5, verbose=True)
    // -> Epoch 00006: adjusting learning rate of group 0 to 5.0000e-02.
    const lines = printed(() => {
      const o = { paramGroups: [{ lr: 0.1, initial_lr: 0.1 }], step() {} };
      new CosineAnnealingWarmRestarts(o, { t0: 4, lastEpoch: 5, verbose: true });
    });
    expect(lines).toEqual(["Epoch 00006: adjusting learning rate of group 0 to 5.0000e-02."]);
  });

  it("other schedulers keep the no-epoch form for step()", () => {
    // torch: StepLR(SGD(..., lr=0.1), step_size=2, verbose=True)
    // -> Adjusting learning rate of group 0 to 1.0000e-01.
    const lines = printed(() => {
      new StepLR({ paramGroups: [{ lr: 0.1 }], step() {} }, { stepSize: 2, verbose: true });
    });
    expect(lines).toEqual(["Adjusting learning rate of group 0 to 1.0000e-01."]);
  });
});
