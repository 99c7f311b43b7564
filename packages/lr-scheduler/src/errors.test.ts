import { describe, expect, it } from "vitest";
import { SchedulerError } from "./base/errors.js";
import type { Scheduler } from "./base/scheduler.js";
import { build } from "./testing/build.js";
import { type ErrorCase, loadFixture, makeOptimizer } from "./testing/fixtures.js";

/** Where Kindling deliberately differs from PyTorch 1.13: it validates at construction. */
const DEVIATIONS: Record<string, { at: "construct" | "step"; message: string }> = {
  "step size 0 fails at the first step": {
    at: "construct",
    message: "Expected positive integer step_size, but got 0",
  },
};

describe("PyTorch's errors for invalid arguments (fixtures/errors.json)", () => {
  for (const c of loadFixture<ErrorCase>("errors")) {
    const expected = DEVIATIONS[c.name] ?? { at: c.at, message: c.message };
    it(`${c.name}: ${expected.message.slice(0, 60)}`, () => {
      const optimizer = makeOptimizer(c.optimizer, c.groups);
      const other = makeOptimizer(c.optimizer, c.groups);
      let scheduler: Scheduler | undefined;
      let thrown: unknown;
      try {
        scheduler = build(c, optimizer, "function", (i) =>
          i === c.other_optimizer_child ? other : optimizer,
        );
        expect(expected.at).toBe("step");
        optimizer.step?.();
        (scheduler as Scheduler & { step(e?: number): void }).step(c.epoch);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SchedulerError);
      expect((thrown as SchedulerError).message).toBe(expected.message);
      expect((thrown as SchedulerError).kind).toBe(DEVIATIONS[c.name] ? "ValueError" : c.type);
    });
  }
});
