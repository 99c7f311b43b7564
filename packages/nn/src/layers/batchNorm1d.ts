import {
  batchNormEval,
  batchNormTrain,
  type DType,
  incrementVersion,
  ones,
  optionKeys,
  rejectUnknownOptions,
  type Tensor,
  tensor,
  zeros,
} from "@kindling/tensor";
import { pyFloat } from "../format/pyFloat.js";
import { Buffer } from "../module/buffer.js";
import { Module } from "../module/module.js";
import { Parameter } from "../module/parameter.js";
import { checkInteger, checkRange, formatShape, inputShapeError } from "./checks.js";
import { updateRunningStats } from "./runningStats.js";

/** Options of {@link BatchNorm1d}, with PyTorch's defaults. */
export interface BatchNorm1dOptions {
  /** Added to the variance before the square root. Default 1e-5; must be >= 0. */
  eps?: number;
  /**
   * Weight of the new batch in the running statistics, in [0, 1]. Default 0.1. `null` gives the
   * cumulative average (the factor is `1 / numBatchesTracked`).
   */
  momentum?: number | null;
  /** Learn a per-channel scale (`weight`) and shift (`bias`). Default true. */
  affine?: boolean;
  /** Keep running statistics and use them in eval mode. Default true. */
  trackRunningStats?: boolean;
  /** Dtype of the parameters and running statistics. Default float32. */
  dtype?: DType;
}

/** The keys BatchNorm1d's options take. */
const OPTIONS = optionKeys<BatchNorm1dOptions>()(
  "eps",
  "momentum",
  "affine",
  "trackRunningStats",
  "dtype",
);

/**
 * Batch normalisation over the batch (and length) dims of `[N, C]` or `[N, C, L]` input
 * (`torch.nn.BatchNorm1d`): `y = (x - mean) / √(var + eps) * weight + bias`.
 *
 * In training mode (or without running statistics) `mean` and `var` are the batch's, with the
 * biased variance; each training call also adds one to `num_batches_tracked` and moves the running
 * statistics toward the batch's, using the unbiased variance, exactly as PyTorch's CPU kernel
 * rounds. In eval mode the running statistics are used.
 *
 * @example
 * ```ts
 * const bn = new BatchNorm1d(4);
 * bn.call(randnLike).shape; // [N, 4]
 * String(bn); // "BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"
 * ```
 */
export class BatchNorm1d extends Module {
  /** Number of channels C. */
  readonly numFeatures: number;
  /** Added to the variance. */
  readonly eps: number;
  /**
   * Running-statistics factor, or null for the cumulative average. May be changed between
   * batches, as in PyTorch ({@link updateBn} sets it to null for its pass).
   */
  momentum: number | null;
  /** Whether `weight` and `bias` exist. */
  readonly affine: boolean;
  /** Whether running statistics are kept. */
  readonly trackRunningStats: boolean;
  /** Per-channel scale `[C]` (ones at start), or null without `affine`. */
  readonly weight: Parameter | null;
  /** Per-channel shift `[C]` (zeros at start), or null without `affine`. */
  readonly bias: Parameter | null;
  /** Running mean `[C]` (zeros at start), or null without `trackRunningStats`. */
  readonly runningMean: Buffer | null;
  /** Running unbiased variance `[C]` (ones at start), or null without `trackRunningStats`. */
  readonly runningVar: Buffer | null;
  /** Training batches seen (int64 scalar), or null without `trackRunningStats`. */
  readonly numBatchesTracked: Buffer | null;

  /**
   * @param numFeatures Number of channels C (integer >= 1).
   * @throws RangeError for C < 1, eps < 0, or momentum outside [0, 1].
   */
  constructor(numFeatures: number, options: BatchNorm1dOptions = {}) {
    if (new.target === BatchNorm1d) rejectUnknownOptions("BatchNorm1d", options, OPTIONS);
    super();
    checkInteger("BatchNorm1d", "num_features", numFeatures, 1);
    const eps = options.eps ?? 1e-5;
    if (!(eps >= 0 && Number.isFinite(eps))) {
      throw new RangeError(`BatchNorm1d: eps must be a finite number >= 0, got ${eps}`);
    }
    const momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (momentum !== null) checkRange("BatchNorm1d", "momentum", momentum, 0, 1);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    const dtype = options.dtype ?? "float32";
    const affine = this.affine;
    this.weight = this.param(
      "weight",
      affine ? new Parameter(ones([numFeatures], { dtype })) : null,
    );
    this.bias = this.param("bias", affine ? new Parameter(zeros([numFeatures], { dtype })) : null);
    const track = this.trackRunningStats;
    this.runningMean = this.buffer(
      "running_mean",
      track ? new Buffer(zeros([numFeatures], { dtype })) : null,
    );
    this.runningVar = this.buffer(
      "running_var",
      track ? new Buffer(ones([numFeatures], { dtype })) : null,
    );
    this.numBatchesTracked = this.buffer(
      "num_batches_tracked",
      track ? new Buffer(tensor(0, { dtype: "int64" })) : null,
    );
  }

  /**
   * @param x `[N, C]` or `[N, C, L]`.
   * @throws ShapeError naming this layer, the expected and the received shape.
   * @throws RangeError in training mode when there is only one value per channel.
   */
  forward(x: Tensor): Tensor {
    const c = this.numFeatures;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== c) {
      inputShapeError(this.toString(), `[N, ${c}] or [N, ${c}, L]`, x.shape);
    }
    let factor = 0;
    if (this.training && this.numBatchesTracked !== null) {
      const count = incrementCount(this.numBatchesTracked);
      factor = this.momentum ?? 1 / count;
    }
    if (this.training || this.runningMean === null) {
      if (x.numel() / c <= 1) {
        throw new RangeError(
          `Expected more than 1 value per channel when training, got input size torch.Size(${formatShape(x.shape)})`,
        );
      }
      if (this.training && this.runningMean !== null && this.runningVar !== null) {
        updateRunningStats(x, this.runningMean, this.runningVar, factor);
      }
      return batchNormTrain(x, this.weight, this.bias, this.eps);
    }
    return batchNormEval(x, this.runningMean, this.runningVar!, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    const flag = (b: boolean) => (b ? "True" : "False");
    const momentum = this.momentum === null ? "None" : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${momentum}, affine=${flag(this.affine)}, track_running_stats=${flag(this.trackRunningStats)}`;
  }
}

/** Adds one to the one-element counter `t` in place (as `t.add_(1)`) and returns its new value. */
function incrementCount(t: Tensor): number {
  if (t.dtype === "int64" && t.numel() === 1 && !t.requiresGrad) {
    const storage = t.storage as BigInt64Array;
    const value = storage[t.storageOffset]! + 1n;
    storage[t.storageOffset] = value;
    incrementVersion(t);
    return Number(value);
  }
  t.add_(1);
  return Number(t.item());
}
