import { cat, ones, optionKeys, rejectUnknownOptions, type Tensor, tensor } from "@kindling/tensor";
import { DataError, dataError } from "../dataErrors.js";
import { normalFloat32 } from "./randomFloat32.js";

/** Options of {@link tensorGenReg}, with the course's defaults. */
export interface TensorGenRegOptions {
  /** Number of rows (`num_examples`). Default 1000. */
  numExamples?: number;
  /** True coefficients; with `bias` the last one is the intercept. Default [2, -1, 1]. */
  w?: readonly number[];
  /** Whether `w` ends with an intercept, and a column of ones is appended to the features. Default true. */
  bias?: boolean;
  /** Standard deviation of the label noise. Default 0.01. */
  delta?: number;
  /** Power the features are raised to in the true relation. Default 1. */
  deg?: number;
}

/** The keys tensorGenReg's options take. */
const OPTIONS = optionKeys<TensorGenRegOptions>()("numExamples", "w", "bias", "delta", "deg");

/**
 * The course's regression data, `y = (X ** deg) · w (+ b) + noise`: features from `randn`, noise
 * from a second `randn` times `delta`, drawn from the default generator in PyTorch's order, so that
 * after the same `manualSeed` the features are PyTorch's bit for bit (and labels agree to float32
 * rounding of the matrix product).
 *
 * Returns `[features, labels]`: features `[numExamples, n]` (plus a column of ones with `bias`),
 * labels `[numExamples, 1]`, float32.
 *
 * @example
 * ```ts
 * manualSeed(420);
 * const [features, labels] = tensorGenReg({ w: [2, -1, 3, 1, 2], bias: false, deg: 2 });
 * features.shape; // [1000, 5]
 * ```
 */
export function tensorGenReg(options: TensorGenRegOptions = {}): [Tensor, Tensor] {
  rejectUnknownOptions("tensorGenReg", options, OPTIONS, dataError);
  const numExamples = options.numExamples ?? 1000;
  const w = options.w ?? [2, -1, 1];
  const bias = options.bias ?? true;
  const delta = options.delta ?? 0.01;
  const deg = options.deg ?? 1;
  if (!Number.isInteger(numExamples) || numExamples < 1) {
    throw new DataError(`numExamples must be a positive integer, got ${numExamples}`);
  }
  const n = bias ? w.length - 1 : w.length;
  if (n < 1) throw new DataError(`w needs at least ${bias ? 2 : 1} coefficients, got ${w.length}`);
  const features = normalFloat32([numExamples, n]);
  const weights = tensor(w.slice(0, n), { dtype: "float32" }).reshape(n, 1);
  const powered = features.pow(deg);
  let labelsTrue = n === 1 ? powered.mul(weights) : powered.matmul(weights);
  if (bias) labelsTrue = labelsTrue.add(tensor(w[n]!, { dtype: "float32" }));
  const noise = normalFloat32(labelsTrue.shape);
  const labels = labelsTrue.add(noise.mul(delta));
  return [bias ? cat([features, ones([numExamples, 1])], 1) : features, labels];
}
