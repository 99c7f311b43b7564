import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, readInteger, type StateSchema, type StateValue } from "../base/state.js";
import { pyPow } from "../expression/pyPow.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link MultiStepLR} (PyTorch: `milestones`, `gamma`). */
export interface MultiStepLROptions extends LRSchedulerOptions {
  /** Epochs at which to decay, non-decreasing integers; a repeated milestone decays once per copy. */
  milestones: readonly number[];
  /** Multiplicative factor of decay (PyTorch `gamma`). Default `0.1`. */
  gamma?: number;
}

interface MultiStepLRState {
  /** PyTorch's `Counter(milestones)`: epoch -> how many times it is listed. */
  milestones: Map<number, number>;
  gamma: number;
}

const schema: StateSchema<MultiStepLRState> = {
  milestones: field.custom("milestones", {
    encode(counter): StateValue {
      const out: Record<string, number> = {};
      for (const [epoch, count] of counter) out[String(epoch)] = count;
      return out;
    },
    decode(raw, { key }) {
      if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new SchedulerError(
          `state_dict['${key}'] must be a Counter {epoch: count}`,
          "TypeError",
        );
      }
      const counter = new Map<number, number>();
      for (const [epoch, count] of Object.entries(raw as Record<string, StateValue>)) {
        counter.set(readInteger(Number(epoch), `${key}'][${epoch}`), readInteger(count, key));
      }
      return new Map([...counter].sort((a, b) => a[0] - b[0]));
    },
  }),
  gamma: field.number("gamma"),
};

/** The keys MultiStepLR's options take. */
const OPTIONS = optionKeys<MultiStepLROptions>()("milestones", "gamma", ...LR_SCHEDULER_OPTIONS);

/**
 * Decays each group's lr by `gamma` once the epoch reaches each milestone (PyTorch's
 * `MultiStepLR`): `lr_epoch = base_lr * gamma ** (number of milestones <= epoch)`. The chainable
 * form multiplies the current lr by `gamma ** count` at a milestone listed `count` times.
 *
 * PyTorch accepts milestones in any order; Kindling asks for them non-decreasing (repeats allowed)
 * and throws otherwise, since an unsorted list is almost always a typo.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.05 }], step() {} };
 * const scheduler = new MultiStepLR(optimizer, { milestones: [2, 4, 4], gamma: 0.1 });
 * // epoch 0, 1: 0.05
 * // epoch 2, 3: 0.005000000000000001
 * // epoch 4, 5: 0.00005000000000000002  (milestone 4 is listed twice)
 * ```
 */
export class MultiStepLR extends LRScheduler<MultiStepLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `milestones` (required), `gamma` (0.1), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: MultiStepLROptions) {
    if (new.target === MultiStepLR) rejectUnknownOptions("MultiStepLR", options, OPTIONS);
    const counter = new Map<number, number>();
    options.milestones.forEach((epoch, i) => {
      if (!Number.isInteger(epoch)) {
        throw new SchedulerError(`Expected integer milestones, but milestones[${i}] is ${epoch}`);
      }
      const previous = options.milestones[i - 1];
      if (previous !== undefined && epoch < previous) {
        throw new SchedulerError(
          `Expected non-decreasing milestones (repeats allowed), but milestones[${i}] = ${epoch} comes after ${previous}`,
        );
      }
      counter.set(epoch, (counter.get(epoch) ?? 0) + 1);
    });
    super(optimizer, options, { milestones: counter, gamma: options.gamma ?? 0.1 }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const count = this.state.milestones.get(this.lastEpoch);
    const factor = count === undefined ? 1 : pyPow(this.state.gamma, count);
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = count === undefined ? lr : lr * factor;
    }
  }

  protected override closedFormLr(out: number[]): void {
    let passed = 0; // bisect_right over the sorted milestones, with repeats
    for (const [epoch, count] of this.state.milestones)
      if (epoch <= this.lastEpoch) passed += count;
    const factor = pyPow(this.state.gamma, passed);
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * factor;
  }
}
