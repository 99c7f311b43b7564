import type { OptimizerLike } from "../optimizerLike.js";
import type { StateDict } from "./state.js";

/**
 * What every Kindling scheduler offers, composites and ReduceLROnPlateau included: the optimizer it
 * drives, the last lrs it wrote, and its state in PyTorch's layout.
 */
export interface Scheduler {
  /** The optimizer whose param groups the scheduler writes. */
  readonly optimizer: OptimizerLike;
  /** The lr of every param group as last written by this scheduler (a copy). */
  getLastLr(): number[];
  /** The scheduler's state in PyTorch's layout (see {@link StateDict}). */
  stateDict(): StateDict;
  /** Restores a state saved by {@link Scheduler.stateDict} (or by PyTorch), checking it. */
  loadStateDict(state: StateDict): void;
}

/**
 * A scheduler stepped without arguments, once per epoch or batch: every scheduler except
 * ReduceLROnPlateau. ChainedScheduler and SequentialLR take these.
 */
export interface SteppingScheduler extends Scheduler {
  /** Advances the schedule by one step and writes the new lrs into the param groups. */
  step(): void;
}
