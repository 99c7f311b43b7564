import { noGrad, type Tensor, zeros } from "@kindling/tensor";
import { Buffer } from "../module/buffer.js";
import { deepCopy } from "../module/deepCopy.js";
import { Module } from "../module/module.js";

/**
 * How {@link AveragedModel} folds a model's current value into its average: gets the average so
 * far, the model's value and the number of values averaged so far (an int64 scalar tensor), and
 * returns the new average (`avg_fn` of PyTorch).
 */
export type AverageFn = (averaged: Tensor, current: Tensor, numAveraged: Tensor) => Tensor;

/** Options of {@link AveragedModel}; each maps to PyTorch's keyword argument of the same meaning. */
export interface AveragedModelOptions {
  /**
   * The average (`avg_fn`). Default the running mean,
   * `averaged + (current − averaged) / (numAveraged + 1)`.
   */
  avgFn?: AverageFn;
  /** Average the buffers too (BatchNorm's running statistics), not only the parameters (`use_buffers`). Default false. */
  useBuffers?: boolean;
}

/** PyTorch's default `avg_fn`: the running mean of every value seen. */
const runningMean: AverageFn = (averaged, current, numAveraged) =>
  averaged.add(current.sub(averaged).div(numAveraged.add(1)));

/**
 * The running average of a model's weights, for stochastic weight averaging (SWA) or an
 * exponential moving average (`torch.optim.swa_utils.AveragedModel`). It holds a deep copy of the
 * model as `averagedModule` (registered as `module`) and an int64 buffer `n_averaged`; {@link AveragedModel.updateParameters}
 * folds the model's current parameters (and buffers, with `useBuffers`) into the copy. Calling
 * it runs the copy. Its state dict is PyTorch's: `n_averaged`, then `module.*`.
 *
 * Use it with the `SWALR` scheduler of @kindling/lr-scheduler, and recompute BatchNorm
 * statistics for the averaged weights with {@link updateBn} at the end.
 *
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new Linear(4, 1));
 * const swa = new AveragedModel(model);
 * // after each epoch from the SWA start on:
 * swa.updateParameters(model);
 * swa.call(x); // the averaged network
 * ```
 */
export class AveragedModel<In extends unknown[] = [Tensor], Out = Tensor> extends Module<In, Out> {
  /** The averaged copy of the model, registered as `module` (PyTorch's `swa.module`). */
  readonly averagedModule: Module<In, Out>;
  /** How many times {@link AveragedModel.updateParameters} ran (an int64 scalar). */
  readonly nAveraged: Buffer;
  /** The average. */
  readonly avgFn: AverageFn;
  /** Whether buffers are averaged too. */
  readonly useBuffers: boolean;

  /**
   * @param model The model to average; it is copied, and left as it is.
   * @param options See {@link AveragedModelOptions}.
   */
  constructor(model: Module<In, Out>, options: AveragedModelOptions = {}) {
    super();
    const copy = deepCopy(model);
    this.registerModule("module", copy);
    this.averagedModule = copy;
    this.nAveraged = this.buffer("n_averaged", new Buffer(zeros([], { dtype: "int64" })));
    this.avgFn = options.avgFn ?? runningMean;
    this.useBuffers = options.useBuffers ?? false;
  }

  /** Runs the averaged copy. */
  forward(...args: In): Out {
    return this.averagedModule.call(...args);
  }

  /**
   * Folds `model`'s current parameters (and buffers, with `useBuffers`) into the average: the
   * first call copies them, later calls apply the average. Pairs the two models' tensors in
   * order, as PyTorch does, so `model` must have the structure of the model given to the
   * constructor.
   */
  updateParameters(model: Module<In, Out>): void {
    const mine = this.useBuffers
      ? [...this.averagedModule.parameters(), ...this.averagedModule.buffers()]
      : this.parameters();
    const theirs = this.useBuffers
      ? [...model.parameters(), ...model.buffers()]
      : model.parameters();
    noGrad(() => {
      const first = Number(this.nAveraged.item()) === 0;
      const n = Math.min(mine.length, theirs.length);
      for (let i = 0; i < n; i++) {
        const averaged = mine[i]!.detach();
        const current = theirs[i]!.detach();
        averaged.copy_(first ? current : this.avgFn(averaged, current, this.nAveraged));
      }
      this.nAveraged.add_(1);
    });
  }
}
