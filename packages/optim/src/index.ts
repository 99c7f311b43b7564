/**
 * Optimizers with PyTorch's param groups, state dicts and numerics: {@link SGD}, {@link Adam},
 * {@link AdamW}, {@link RMSprop}, {@link Adagrad}, {@link Adadelta}, {@link Adamax}, {@link NAdam},
 * {@link RAdam}, {@link ASGD}, {@link Rprop} and {@link LBFGS}, on an {@link Optimizer} base that library authors extend with one update
 * method. Each follows PyTorch 1.13's order of operations, so float32 trajectories match PyTorch's.
 *
 * @packageDocumentation
 */
export { Adadelta, type AdadeltaGroup, type AdadeltaOptions } from "./algorithms/adadelta.js";
export { Adagrad, type AdagradGroup, type AdagradOptions } from "./algorithms/adagrad.js";
export { Adam, type AdamGroup, type AdamOptions } from "./algorithms/adam.js";
export { Adamax, type AdamaxGroup, type AdamaxOptions } from "./algorithms/adamax.js";
export { AdamW, type AdamWGroup, type AdamWOptions } from "./algorithms/adamw.js";
export { ASGD, type ASGDGroup, type ASGDOptions } from "./algorithms/asgd.js";
export { LBFGS, type LBFGSGroup, type LBFGSOptions } from "./algorithms/lbfgs/lbfgs.js";
export { NAdam, type NAdamGroup, type NAdamOptions } from "./algorithms/nadam.js";
export { RAdam, type RAdamGroup, type RAdamOptions } from "./algorithms/radam.js";
export { RMSprop, type RMSpropGroup, type RMSpropOptions } from "./algorithms/rmsprop.js";
export { Rprop, type RpropGroup, type RpropOptions } from "./algorithms/rprop.js";
export { SGD, type SGDGroup, type SGDOptions } from "./algorithms/sgd.js";
export type { HookHandle, StepHook } from "./base/hooks.js";
export { type Closure, Optimizer, type ZeroGradOptions } from "./base/optimizer.js";
export { OptimizerError } from "./base/optimizerError.js";
export type { ParamGroup, ParamGroupInput, ParamsInput } from "./base/paramGroup.js";
export type {
  OptimizerStateDict,
  PackedParamGroup,
  ParamState,
  StateValue,
} from "./base/stateDict.js";
