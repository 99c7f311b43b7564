import {
  field,
  LRScheduler,
  type LRSchedulerOptions,
  type OptimizerLike,
  type StateSchema,
} from "../index.js";

/** Options of {@link WarmupInverseSqrt}. */
export interface WarmupInverseSqrtOptions extends LRSchedulerOptions {
  /** Steps of linear warmup (a positive integer). */
  warmupSteps: number;
}

// 1. The scheduler's own state: everything the rule reads, with its PyTorch-style key.
interface WarmupInverseSqrtState {
  warmupSteps: number;
}

const schema: StateSchema<WarmupInverseSqrtState> = {
  warmupSteps: field.integer("warmup_steps"),
};

/** The factor of the base lr at `epoch`: linear up to 1, then `sqrt(warmup / (epoch + 1))`. */
function factor(epoch: number, warmup: number): number {
  return epoch < warmup ? (epoch + 1) / warmup : Math.sqrt(warmup / (epoch + 1));
}

/**
 * The guide's example (docs/writing-a-scheduler.md): linear warmup over `warmupSteps`, then decay
 * with the inverse square root of the step, the schedule of "Attention is all you need".
 * `lr_e = base_lr * min((e + 1) / w, sqrt(w / (e + 1)))`.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 1 }], step() {} };
 * const scheduler = new WarmupInverseSqrt(optimizer, { warmupSteps: 4 });
 * // epoch: 0     1    2     3  4                   5
 * // lr:    0.25  0.5  0.75  1  0.8944271909999159  0.816496580927726
 * ```
 */
export class WarmupInverseSqrt extends LRScheduler<WarmupInverseSqrtState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `warmupSteps` (required), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: WarmupInverseSqrtOptions) {
    // 2. Validate, then hand the state to the base, which takes the initial step.
    if (!Number.isInteger(options.warmupSteps) || options.warmupSteps <= 0) {
      throw new RangeError(`Expected positive integer warmupSteps, but got ${options.warmupSteps}`);
    }
    super(optimizer, options, { warmupSteps: options.warmupSteps }, schema);
  }

  // 3. The chainable form: the next lr from the current one.
  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const w = this.state.warmupSteps;
    const e = this.lastEpoch;
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = e === 0 ? this.baseLrs[i]! * factor(0, w) : (lr * factor(e, w)) / factor(e - 1, w);
    }
  }

  // 4. The closed form (optional): the lr from the epoch alone.
  protected override closedFormLr(out: number[]): void {
    const f = factor(this.lastEpoch, this.state.warmupSteps);
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * f;
  }
}
