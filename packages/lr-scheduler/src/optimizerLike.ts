/**
 * One parameter group as a scheduler sees it: a plain object whose `lr` (learning rate, in the
 * optimizer's units per step) the scheduler reads and writes. Schedulers also write `initial_lr`
 * (PyTorch's key) and, for momentum cycling, `momentum` or `betas` (Adam's `[beta1, beta2]`).
 */
export interface ParamGroupLike {
  /** The group's current learning rate. */
  lr: number;
  /** Any other hyper-parameter of the group. */
  [key: string]: unknown;
}

/**
 * What a scheduler drives: anything with `paramGroups`, such as a Kindling optimizer, a plain
 * object, or another library's optimizer behind a small adapter.
 *
 * When `step` is present, a scheduler wraps it (as PyTorch does) to count optimizer steps, and warns
 * when `scheduler.step()` is called before `optimizer.step()`. `defaults`, when present, is read as
 * PyTorch reads `optimizer.defaults` to decide between `momentum` and `betas` cycling; without it the
 * first param group decides.
 *
 * @example
 * ```ts
 * const optimizer: OptimizerLike = { paramGroups: [{ lr: 0.1, momentum: 0.9 }], step() {} };
 * ```
 */
export interface OptimizerLike {
  /** The optimizer's parameter groups, in order. */
  paramGroups: ParamGroupLike[];
  /** The optimizer's update, `optimizer.step(closure?)` in Kindling and PyTorch. Optional. */
  step?: (...args: never[]) => unknown;
  /** The optimizer's default hyper-parameters, as PyTorch's `optimizer.defaults`. Optional. */
  defaults?: Readonly<Record<string, unknown>>;
}
