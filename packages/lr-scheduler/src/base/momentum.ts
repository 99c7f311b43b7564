import type { OptimizerLike, ParamGroupLike } from "../optimizerLike.js";
import { SchedulerError } from "./errors.js";

/**
 * Which key momentum cycling writes, decided as PyTorch 2.x decides from `optimizer.defaults`
 * (here `optimizer.defaults` when present, else the first param group): `"betas"` (Adam's beta1)
 * when there are betas, `"momentum"` when there is momentum; otherwise PyTorch's error.
 */
export function momentumKey(optimizer: OptimizerLike): "momentum" | "betas" {
  const defaults = optimizer.defaults ?? optimizer.paramGroups[0] ?? {};
  if (!("momentum" in defaults) && !("betas" in defaults)) {
    throw new SchedulerError(
      "optimizer must support momentum with `cycle_momentum` option enabled",
    );
  }
  return "betas" in defaults ? "betas" : "momentum";
}

/** Reads a group's momentum (or beta1). */
export function readMomentum(group: ParamGroupLike, useBeta1: boolean): number {
  return useBeta1
    ? ((group["betas"] as readonly number[])[0] as number)
    : (group["momentum"] as number);
}

/** Writes a group's momentum, or beta1 as a new `[beta1, ...rest]` (PyTorch's new tuple). */
export function writeMomentum(group: ParamGroupLike, useBeta1: boolean, value: number): void {
  if (useBeta1) {
    const betas = group["betas"] as readonly number[];
    group["betas"] = [value, ...betas.slice(1)];
  } else {
    group["momentum"] = value;
  }
}
