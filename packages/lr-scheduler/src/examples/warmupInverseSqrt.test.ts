import { describe, expect, it } from "vitest";
import { checkClosedFormAgrees, previewSchedule } from "../index.js";
import { WarmupInverseSqrt } from "./warmupInverseSqrt.js";

describe("the guide's example: WarmupInverseSqrt", () => {
  it("warms up linearly then decays as 1 / sqrt(step)", () => {
    const rows = previewSchedule((o) => new WarmupInverseSqrt(o, { warmupSteps: 4 }), {
      steps: 5,
      lrs: [1],
    });
    const expected = [0.25, 0.5, 0.75, 1, Math.sqrt(4 / 5), Math.sqrt(4 / 6)];
    rows.forEach((row, i) => {
      expect(row[0]).toBeCloseTo(expected[i]!, 14);
    });
  });

  it("has a chainable and a closed form that agree", () => {
    const report = checkClosedFormAgrees(
      (o) => new WarmupInverseSqrt(o, { warmupSteps: 10 }),
      1000,
      {
        lrs: [0.1, 0.003],
      },
    );
    expect(report.agrees).toBe(true);
    expect(report.maxRelativeError).toBeLessThan(1e-13);
  });

  it("round-trips its state: a reloaded scheduler continues identically", () => {
    const a = { paramGroups: [{ lr: 0.1 }], step() {} };
    const s = new WarmupInverseSqrt(a, { warmupSteps: 5 });
    for (let i = 0; i < 7; i++) s.step();
    const saved = s.stateDict();
    expect(saved).toMatchObject({ warmup_steps: 5, last_epoch: 7, _step_count: 8 });
    const b = { paramGroups: [{ lr: 0.1 }], step() {} };
    const t = new WarmupInverseSqrt(b, { warmupSteps: 5 });
    b.paramGroups[0]!.lr = a.paramGroups[0]!.lr;
    t.loadStateDict(JSON.parse(JSON.stringify(saved)));
    for (let i = 0; i < 20; i++) {
      s.step();
      t.step();
      expect(b.paramGroups[0]!.lr).toBe(a.paramGroups[0]!.lr);
    }
  });

  it("the helper finds a wrong closed form", () => {
    class Wrong extends WarmupInverseSqrt {
      protected override closedFormLr(out: number[]): void {
        out.fill(1);
      }
    }
    const report = checkClosedFormAgrees((o) => new Wrong(o, { warmupSteps: 3 }), 10);
    expect(report.agrees).toBe(false);
    expect(report.firstMismatch?.epoch).toBe(1); // epoch 0 is the initial (chainable) step
  });
});
