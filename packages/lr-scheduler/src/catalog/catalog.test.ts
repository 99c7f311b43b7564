import { describe, expect, it } from "vitest";
import type { Scheduler } from "../base/scheduler.js";
import * as lrScheduler from "../index.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { PYTORCH_TO_KINDLING } from "../testing/pytorchNames.js";
import { findSchedulerInfo, SCHEDULER_CATALOG } from "./catalog.js";
import type { SchedulerInfo } from "./schedulerInfo.js";

const optimizer = (): OptimizerLike & { step(): void } => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9, betas: [0.9, 0.999] }],
  defaults: { momentum: 0.9 },
  step() {},
});

/** Builds `info` from `options`, nested `{ name, options }` schedulers built through the catalog. */
function build(
  info: SchedulerInfo,
  options: Readonly<Record<string, unknown>>,
  o: OptimizerLike,
): Scheduler {
  const resolved: Record<string, unknown> = Object.fromEntries(
    Object.entries(options).map(([key, value]) => [
      key,
      key === "schedulers"
        ? (value as { name: string; options: Record<string, unknown> }[]).map(
            (s): Scheduler => build(findSchedulerInfo(s.name)!, s.options, o),
          )
        : value,
    ]),
  );
  return info.create(o, resolved);
}

/** The lr (and momentum) of 120 steps from `options`. */
function trace(info: SchedulerInfo, options: Readonly<Record<string, unknown>>): number[] {
  const o = optimizer();
  const scheduler = build(info, options, o) as unknown as { step(metric?: number): void };
  const out: number[] = [];
  for (let i = 0; i < 120; i++) {
    o.step();
    if (info.stepArgument === "metric") scheduler.step(1);
    else scheduler.step();
    const group = o.paramGroups[0] as { lr: number; momentum?: number };
    out.push(group.lr, group.momentum ?? 0);
  }
  return out;
}

describe("SCHEDULER_CATALOG", () => {
  it("lists every scheduler class and preset the package exports, once", () => {
    const names = SCHEDULER_CATALOG.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const exported = Object.keys(lrScheduler).filter(
      (k) =>
        /^[A-Z].*(LR|Scheduler|Restarts|SWALR)$/.test(k) &&
        !["LRScheduler", "_LRScheduler"].includes(k) &&
        !k.endsWith("Error"),
    );
    for (const name of exported) expect(names).toContain(name);
    for (const preset of ["linearWarmupCosine", "linearWarmupStep", "warmupStableDecay"]) {
      expect(names).toContain(preset);
    }
  });

  it.each(SCHEDULER_CATALOG.map((s) => [s.name, s] as const))(
    "%s: its example builds and gives finite lrs",
    (_name, info) => {
      const lrs = trace(info, info.example);
      expect(lrs.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
      for (const option of info.options.filter((o) => o.required)) {
        expect(option.name in info.example).toBe(true);
      }
    },
  );

  it.each(SCHEDULER_CATALOG.map((s) => [s.name, s] as const))(
    "%s: the declared defaults are the ones the constructor uses",
    (_name, info) => {
      const baseline = trace(info, info.example);
      for (const option of info.options) {
        if (option.required || option.default === null || option.default === undefined) continue;
        if (option.name in info.example) continue;
        const explicit = trace(info, { ...info.example, [option.name]: option.default });
        expect(explicit, `${info.name}.${option.name} = ${String(option.default)}`).toEqual(
          baseline,
        );
      }
    },
  );

  it.each(SCHEDULER_CATALOG.map((s) => [s.name, s] as const))(
    "%s: a missing required option is refused",
    (_name, info) => {
      for (const option of info.options.filter((o) => o.required && o.kind.type !== "schedulers")) {
        const { [option.name]: _dropped, ...rest } = info.example;
        expect(() => trace(info, rest), `${info.name} without ${option.name}`).toThrow();
      }
    },
  );

  it("names each scheduler option with PyTorch's keyword, as the README's table does", () => {
    for (const info of SCHEDULER_CATALOG.filter((s) => s.kind === "scheduler")) {
      for (const option of info.options) {
        // The table lists every keyword whose name differs, and most that do not.
        const mapped = PYTORCH_TO_KINDLING[option.torch] ?? option.torch;
        expect(mapped, `${info.name}.${option.torch}`).toBe(option.name);
      }
    }
  });

  it("finds entries by name, case ignored", () => {
    expect(findSchedulerInfo("steplr")?.name).toBe("StepLR");
    expect(findSchedulerInfo("NoSuchLR")).toBeUndefined();
  });
});

describe("unknown options", () => {
  const base = (info: SchedulerInfo): string[] => {
    if (info.kind === "preset" || info.name === "ChainedScheduler") return [];
    if (info.name === "SequentialLR") return ["lastEpoch"];
    if (info.name === "ReduceLROnPlateau") return ["verbose", "warn"];
    if (info.name === "SWALR") return ["lastEpoch", "warn"];
    return ["lastEpoch", "verbose", "warn"];
  };

  it.each(SCHEDULER_CATALOG.map((s) => [s.name, s] as const))(
    "%s refuses a misspelled key and lists exactly the options the catalog describes",
    (_name, info) => {
      const attempt = () => build(info, { ...info.example, gama: 0.5 }, optimizer());
      expect(attempt).toThrow(lrScheduler.SchedulerError);
      let message = "";
      try {
        attempt();
      } catch (e) {
        message = (e as Error).message;
        expect((e as lrScheduler.SchedulerError).kind).toBe("TypeError");
      }
      expect(message).toContain(`${info.name} got an unknown option "gama"`);
      const listed = message.split("its options are ")[1]!.split(", ");
      const described = info.options.map((o) => o.name);
      expect(new Set(listed)).toEqual(new Set([...described, ...base(info)]));
    },
  );

  it("names the option a PyTorch keyword or another spelling stands for", () => {
    const o = optimizer();
    expect(() => new lrScheduler.StepLR(o, { step_size: 3 } as never)).toThrow(
      'StepLR got an unknown option "step_size" (did you mean stepSize?)',
    );
    expect(() => new lrScheduler.CosineAnnealingLR(o, { T_max: 3 } as never)).toThrow(
      "(did you mean tMax?)",
    );
    expect(() => new lrScheduler.LambdaLR(o, () => 1, { last_epoch: -1 } as never)).toThrow(
      "(did you mean lastEpoch?)",
    );
  });

  it("lets a subclass give its own options to a built-in scheduler's constructor", () => {
    class EveryOther extends lrScheduler.StepLR {
      constructor(o: OptimizerLike, options: { stepSize: number; label: string }) {
        super(o, options);
      }
    }
    expect(() => new EveryOther(optimizer(), { stepSize: 2, label: "mine" })).not.toThrow();
  });

  it("passes the option forms that are not objects (LambdaLR's function, ChainedScheduler's list)", () => {
    const o = optimizer();
    expect(() => new lrScheduler.LambdaLR(o, () => 1)).not.toThrow();
    expect(
      () => new lrScheduler.ChainedScheduler([new lrScheduler.StepLR(o, { stepSize: 1 })]),
    ).not.toThrow();
  });
});
