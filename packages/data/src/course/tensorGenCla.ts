import { cat, full, ones, optionKeys, rejectUnknownOptions, type Tensor } from "@kindling/tensor";
import { DataError, dataError } from "../dataErrors.js";
import { normalFloat32 } from "./randomFloat32.js";

/** Options of {@link tensorGenCla}, with the course's defaults. */
export interface TensorGenClaOptions {
  /** Rows per class (`num_examples`). Default 500. */
  numExamples?: number;
  /** Features per row (`num_inputs`). Default 2. */
  numInputs?: number;
  /** Number of classes (`num_class`). Default 3. */
  numClass?: number;
  /** `[mean, std]`: spacing of the class centres and their spread. Default [4, 2]. */
  degDispersion?: readonly [number, number];
  /** Append a column of ones to the features. Default false. */
  bias?: boolean;
}

/** The keys tensorGenCla's options take. */
const OPTIONS = optionKeys<TensorGenClaOptions>()(
  "numExamples",
  "numInputs",
  "numClass",
  "degDispersion",
  "bias",
);

/**
 * The course's classification data: for class i, `numExamples` rows drawn from
 * `normal(i · mean − k, std)` with `k = mean · (numClass − 1) / 2`, one class after another from
 * the default generator as PyTorch draws them. Returns `[features, labels]`: float32 features
 * `[numExamples · numClass, numInputs (+1)]` and int64 labels `[numExamples · numClass, 1]`.
 *
 * @example
 * ```ts
 * manualSeed(420);
 * const [features, labels] = tensorGenCla(); // [1500, 2], [1500, 1]
 * ```
 */
export function tensorGenCla(options: TensorGenClaOptions = {}): [Tensor, Tensor] {
  rejectUnknownOptions("tensorGenCla", options, OPTIONS, dataError);
  const numExamples = options.numExamples ?? 500;
  const numInputs = options.numInputs ?? 2;
  const numClass = options.numClass ?? 3;
  const [mean, std] = options.degDispersion ?? [4, 2];
  for (const [name, value] of [
    ["numExamples", numExamples],
    ["numInputs", numInputs],
    ["numClass", numClass],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new DataError(`${name} must be a positive integer, got ${value}`);
  }
  const k = (mean * (numClass - 1)) / 2;
  const features: Tensor[] = [];
  const labels: Tensor[] = [];
  for (let i = 0; i < numClass; i++) {
    features.push(normalFloat32([numExamples, numInputs], i * mean - k, std));
    labels.push(full([numExamples, 1], i, { dtype: "int64" }));
  }
  const x = cat(features, 0);
  return [options.bias ? cat([x, ones([x.shape[0]!, 1])], 1) : x, cat(labels, 0)];
}
