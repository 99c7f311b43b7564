import { SchedulerError } from "../base/errors.js";
import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { requireStateDict } from "../base/requireStateDict.js";
import type { SteppingScheduler } from "../base/scheduler.js";
import { readInteger, readNumbers, type StateDict, type StateValue } from "../base/state.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { childStates, loadChildStates } from "./childStates.js";
import { ReduceLROnPlateau } from "./reduceLROnPlateau.js";

/**
 * A scheduler SequentialLR can hand over to: it exposes `lastEpoch`, the initial step and the
 * closed-form jump, as every {@link LRScheduler} does.
 */
export interface SequenceableScheduler extends SteppingScheduler {
  /** PyTorch's `last_epoch`. */
  lastEpoch: number;
  /** PyTorch's `_initial_step()`. */
  initialStep(): void;
  /** PyTorch's `step(epoch)`, without the deprecation warning. */
  stepToEpoch(epoch: number): void;
}

/** Options of {@link SequentialLR} (PyTorch: `schedulers`, `milestones`, `last_epoch`). */
export interface SequentialLROptions {
  /** The schedulers to run one after the other, all bound to the same optimizer. */
  schedulers: readonly SequenceableScheduler[];
  /** The epochs at which the next scheduler takes over: one fewer than `schedulers`, non-decreasing. */
  milestones: readonly number[];
  /** The index of the last epoch. Default `-1`. */
  lastEpoch?: number;
}

function bisectRight(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Refuses what SequentialLR cannot hand over to: ReduceLROnPlateau (its `step` needs the metric;
 * PyTorch 1.13 fails with `KeyError: 'initial_lr'`, later versions refuse it with this message) and
 * schedulers without `initialStep`/`stepToEpoch`, such as a nested SequentialLR or a
 * ChainedScheduler (PyTorch 1.13 fails on those at the first milestone).
 */
function refuseUnsequenceable(scheduler: SequenceableScheduler, index: number): void {
  const s = scheduler as Partial<SequenceableScheduler> & object;
  if (s instanceof ReduceLROnPlateau) {
    throw new SchedulerError(
      `SequentialLR does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${index} in the given schedulers sequence.`,
    );
  }
  if (typeof s.initialStep !== "function" || typeof s.stepToEpoch !== "function") {
    const name = (s as { constructor?: { name?: string } }).constructor?.name ?? "scheduler";
    throw new SchedulerError(
      `SequentialLR does not support nested or composite schedulers (got a ${name} at index ${index} in the given schedulers sequence): it needs schedulers with a closed form, such as StepLR or LinearLR; list the inner schedulers and milestones in one SequentialLR instead.`,
      "TypeError",
    );
  }
}

/** The keys SequentialLR's options take. */
const OPTIONS = optionKeys<SequentialLROptions>()("schedulers", "milestones", "lastEpoch");

/**
 * Runs schedulers one after the other, switching at the milestones (PyTorch's `SequentialLR`).
 * Construction resets every group's lr to its `initial_lr`, undoes the initial step of every
 * scheduler and re-runs the first one's. At a milestone the next scheduler jumps to epoch 0 through
 * its closed form (PyTorch calls `step(0)`, which also emits the epoch deprecation warning; Kindling
 * does not warn for it).
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 1 }], step() {} };
 * const warm = new ConstantLR(optimizer, { factor: 0.1, totalIters: 2 });
 * const decay = new ExponentialLR(optimizer, { gamma: 0.9 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warm, decay], milestones: [2] });
 * // epoch:  0    1    2    3     4
 * // lr:     0.1  0.1  1    0.9   0.81
 * ```
 */
export class SequentialLR implements SteppingScheduler {
  /** The optimizer all the schedulers drive. */
  readonly optimizer: OptimizerLike;
  /** PyTorch's `last_epoch`. */
  lastEpoch: number;
  readonly #schedulers: readonly SequenceableScheduler[];
  #milestones: number[];
  #lastLr: number[];

  /**
   * @param optimizer - The optimizer every scheduler must be bound to.
   * @param options - `schedulers`, `milestones`, `lastEpoch` (-1).
   */
  constructor(optimizer: OptimizerLike, options: SequentialLROptions) {
    if (new.target === SequentialLR) rejectUnknownOptions("SequentialLR", options, OPTIONS);
    const { schedulers, milestones } = options;
    if (schedulers.length === 0) {
      throw new SchedulerError(
        "Sequential Schedulers expects at least one scheduler, but got none",
      );
    }
    schedulers.forEach((scheduler, i) => {
      refuseUnsequenceable(scheduler, i);
      if (scheduler.optimizer !== optimizer) {
        throw new SchedulerError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new SchedulerError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    milestones.forEach((m, i) => {
      if (!Number.isInteger(m) || (i > 0 && m < milestones[i - 1]!)) {
        throw new SchedulerError(
          `Expected non-decreasing integer milestones, but milestones[${i}] = ${m} follows ${milestones[i - 1]}`,
        );
      }
    });
    this.optimizer = optimizer;
    this.#schedulers = [...schedulers];
    this.#milestones = [...milestones];
    this.lastEpoch = (options.lastEpoch ?? -1) + 1;
    for (const group of optimizer.paramGroups) group.lr = group["initial_lr"] as number;
    for (const scheduler of schedulers) scheduler.lastEpoch -= 1;
    schedulers[0]!.initialStep();
    this.#lastLr = schedulers[0]!.getLastLr();
  }

  /** Steps the scheduler in charge of the next epoch (the next one jumps to its epoch 0 at a milestone). */
  step(): void {
    this.lastEpoch += 1;
    const index = bisectRight(this.#milestones, this.lastEpoch);
    const scheduler = this.#schedulers[index]!;
    if (index > 0 && this.#milestones[index - 1] === this.lastEpoch) scheduler.stepToEpoch(0);
    else scheduler.step();
    this.#lastLr = scheduler.getLastLr();
  }

  /** The lrs last written by the scheduler in charge (a copy). */
  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  /** PyTorch's layout: `_milestones`, `last_epoch`, `_last_lr`, then `_schedulers` (each one's state). */
  stateDict(): StateDict {
    return {
      _milestones: [...this.#milestones],
      last_epoch: this.lastEpoch,
      _last_lr: [...this.#lastLr],
      _schedulers: childStates(this.#schedulers),
    };
  }

  /** Restores a state saved by {@link SequentialLR.stateDict} or PyTorch, every child's included. */
  loadStateDict(state: StateDict): void {
    requireStateDict(state, "SequentialLR");
    const raw: StateValue | undefined = state["_milestones"];
    const milestones = readNumbers(raw, "_milestones", this.#milestones.length);
    const lastEpoch = readInteger(state["last_epoch"], "last_epoch");
    const lastLr = readNumbers(state["_last_lr"], "_last_lr", this.optimizer.paramGroups.length);
    loadChildStates(this.#schedulers, state["_schedulers"]);
    this.#milestones = milestones;
    this.lastEpoch = lastEpoch;
    this.#lastLr = lastLr;
  }
}
