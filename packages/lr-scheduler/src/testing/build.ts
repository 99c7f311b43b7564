import type { Scheduler } from "../base/scheduler.js";
import type { StateValue } from "../base/state.js";
import { FactorExpression } from "../expression/factorExpression.js";
import * as kindling from "../index.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { PYTORCH_TO_KINDLING } from "./pytorchNames.js";

/** How lambdas in a fixture become Kindling factors: plain functions (as PyTorch) or declared data. */
export type LambdaStyle = "function" | "expression";

function plain(source: string, variable: string): (x: number) => number {
  const compiled = new FactorExpression(source, variable).evaluate;
  return (x) => compiled(x);
}

/** PyTorch kwargs -> Kindling options, through the README's mapping table. */
export function toOptions(
  kwargs: Record<string, StateValue> | undefined,
  style: LambdaStyle,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs ?? {})) {
    const name = PYTORCH_TO_KINDLING[key];
    if (name === undefined) throw new Error(`no Kindling name for PyTorch kwarg ${key}`);
    if (key === "lr_lambda") {
      const one = (s: StateValue) => (style === "function" ? plain(s as string, "epoch") : s);
      options[name] = Array.isArray(value) ? value.map(one) : one(value);
    } else if (key === "scale_fn") {
      options[name] =
        style === "function"
          ? plain(value as string, "x")
          : new FactorExpression(value as string, "x");
    } else {
      options[name] = value;
    }
  }
  return options;
}

type Spec = {
  scheduler: string;
  kwargs?: Record<string, StateValue>;
  children?: { scheduler: string; kwargs?: Record<string, StateValue> }[];
};

/** Builds the Kindling scheduler a fixture case describes (PyTorch class name -> Kindling class). */
export function build(
  spec: Spec,
  optimizer: OptimizerLike,
  style: LambdaStyle = "function",
  childOptimizer: (index: number) => OptimizerLike = () => optimizer,
): Scheduler {
  const options = toOptions(spec.kwargs, style);
  const children = () =>
    (spec.children ?? []).map(
      (c, i) => build(c, childOptimizer(i), style) as kindling.LRScheduler<object>,
    );
  const ctor = (kindling as unknown as Record<string, unknown>)[spec.scheduler];
  if (spec.scheduler === "SequentialLR") {
    return new kindling.SequentialLR(optimizer, {
      schedulers: children(),
      ...(options as { milestones: number[] }),
    });
  }
  if (spec.scheduler === "ChainedScheduler") return new kindling.ChainedScheduler(children());
  if (typeof ctor !== "function") throw new Error(`no Kindling scheduler ${spec.scheduler}`);
  return new (ctor as new (o: OptimizerLike, options: unknown) => Scheduler)(optimizer, options);
}
