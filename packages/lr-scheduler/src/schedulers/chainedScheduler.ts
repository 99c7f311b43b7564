import { SchedulerError } from "../base/errors.js";
import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { requireStateDict } from "../base/requireStateDict.js";
import type { SteppingScheduler } from "../base/scheduler.js";
import { readNumbers, type StateDict } from "../base/state.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { childStates, loadChildStates } from "./childStates.js";

/** The options form of {@link ChainedScheduler}'s argument (PyTorch: `schedulers`). */
export interface ChainedSchedulerOptions {
  /** Chainable schedulers, all bound to the same optimizer (at least one). */
  schedulers: readonly SteppingScheduler[];
}

function readSchedulers(
  input: readonly SteppingScheduler[] | ChainedSchedulerOptions,
): readonly SteppingScheduler[] {
  if (Array.isArray(input)) return input;
  const schedulers = (input as Partial<ChainedSchedulerOptions> | null | undefined)?.schedulers;
  if (Array.isArray(schedulers)) return schedulers;
  throw new SchedulerError(
    "ChainedScheduler expects a list of schedulers (new ChainedScheduler([a, b])) or { schedulers: [a, b] }",
    "TypeError",
  );
}

/** The keys ChainedScheduler's options take. */
const OPTIONS = optionKeys<ChainedSchedulerOptions>()("schedulers");

/**
 * Steps several chainable schedulers together, each applying its change to the lr the previous one
 * wrote (PyTorch's `ChainedScheduler`).
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 1 }], step() {} };
 * const scheduler = new ChainedScheduler([
 *   new ConstantLR(optimizer, { factor: 0.1, totalIters: 2 }),
 *   new ExponentialLR(optimizer, { gamma: 0.9 }),
 * ]);
 * // epoch 0: 0.1                  (PyTorch's docstring says 0.09; PyTorch itself gives 0.1)
 * // epoch 1: 0.09000000000000001
 * // epoch 2: 0.8100000000000002
 * // epoch 3: 0.7290000000000002
 * // epoch 4: 0.6561000000000002
 * ```
 */
export class ChainedScheduler implements SteppingScheduler {
  /** The optimizer all the schedulers drive. */
  readonly optimizer: OptimizerLike;
  readonly #schedulers: readonly SteppingScheduler[];
  #lastLr: number[];

  /**
   * @param input - Chainable schedulers, all bound to the same optimizer (at least one): as a list,
   *   PyTorch's positional form, or as `{ schedulers }`.
   */
  constructor(input: readonly SteppingScheduler[] | ChainedSchedulerOptions) {
    if (new.target === ChainedScheduler) rejectUnknownOptions("ChainedScheduler", input, OPTIONS);
    const schedulers = readSchedulers(input);
    const first = schedulers[0];
    if (first === undefined) {
      throw new SchedulerError("ChainedScheduler expects at least one scheduler, but got none");
    }
    schedulers.forEach((scheduler, i) => {
      if (scheduler.optimizer !== first.optimizer) {
        throw new SchedulerError(
          `ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`,
        );
      }
    });
    this.optimizer = first.optimizer;
    this.#schedulers = [...schedulers];
    this.#lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Steps every scheduler, in order. */
  step(): void {
    for (const scheduler of this.#schedulers) scheduler.step();
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) this.#lastLr[i] = groups[i]!.lr;
  }

  /** The groups' lrs after the last step (a copy). */
  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  /** PyTorch's layout: `_last_lr`, then `_schedulers` (each one's state). */
  stateDict(): StateDict {
    return { _last_lr: [...this.#lastLr], _schedulers: childStates(this.#schedulers) };
  }

  /** Restores a state saved by {@link ChainedScheduler.stateDict} or PyTorch, every child's included. */
  loadStateDict(state: StateDict): void {
    requireStateDict(state, "ChainedScheduler");
    const lastLr = readNumbers(state["_last_lr"], "_last_lr", this.optimizer.paramGroups.length);
    loadChildStates(this.#schedulers, state["_schedulers"]);
    this.#lastLr = lastLr;
  }
}
