// The tutorial's LambdaLR walk-through, run at build time with the real packages: a seed network,
// its SGD optimizer's state dict before and after LambdaLR(0.5 ** epoch) is attached, the lr after
// each scheduler.step(), and the scheduler's state dict.
import { LambdaLR } from "@kindling/lr-scheduler";
import { netClass2 } from "@kindling/nn";
import { SGD } from "@kindling/optim";
import { manualSeed, tanh } from "@kindling/tensor";
import { defineLoader } from "vitepress";

/** One row of the step-by-step table. */
export interface StepRow {
  step: number;
  lastEpoch: number;
  lr: number;
}

/** What the walk-through produced. */
export interface WalkthroughData {
  parameterCount: number;
  stateBefore: unknown;
  stateAfter: unknown;
  steps: StepRow[];
  schedulerState: unknown;
  /** Two param groups (the first layer at its own lr), each with its initial_lr and lr after 3 steps. */
  groups: { stateAfterSteps: unknown; lastLrs: number[] };
}

declare const data: WalkthroughData;

export { data };

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export default defineLoader({
  load(): WalkthroughData {
    manualSeed(24);
    const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
    const optimizer = new SGD(net.parameters(), { lr: 0.05 });
    const stateBefore = clone(optimizer.stateDict());
    const scheduler = new LambdaLR(optimizer, { lrLambda: "0.5 ** epoch" });
    const stateAfter = clone(optimizer.stateDict());
    const steps: StepRow[] = [];
    for (let step = 1; step <= 5; step++) {
      optimizer.step();
      scheduler.step();
      steps.push({ step, lastEpoch: scheduler.lastEpoch, lr: scheduler.getLastLr()[0] ?? 0 });
    }
    // Param groups: the first linear layer at lr 0.1, the rest at the default 0.05; a scheduler
    // keeps one initial_lr per group and scales each.
    const first = new Set(net.getSubmodule("linear1").parameters());
    const grouped = new SGD(
      [{ params: [...first], lr: 0.1 }, { params: net.parameters().filter((p) => !first.has(p)) }],
      { lr: 0.05 },
    );
    const perGroup = new LambdaLR(grouped, { lrLambda: "0.5 ** epoch" });
    for (let step = 1; step <= 3; step++) {
      grouped.step();
      perGroup.step();
    }
    return {
      groups: { stateAfterSteps: clone(grouped.stateDict()), lastLrs: perGroup.getLastLr() },
      parameterCount: net.parameters().length,
      stateBefore,
      stateAfter,
      steps,
      schedulerState: clone(scheduler.stateDict()),
    };
  },
});
