import { noGrad, type Tensor } from "@kindling/tensor";
import type { Dataset } from "../dataset/dataset.js";
import { type Model, runModel } from "./model.js";

function wholeDataset(loader: { readonly dataset: Dataset<Tensor[]> }): Tensor[] {
  const { dataset } = loader;
  const all = Array.from({ length: dataset.length }, (_, i) => i);
  if (dataset.getItems !== undefined) return dataset.getItems(all);
  throw new Error("the loader's dataset has no batched access (getItems)");
}

/**
 * The course's `mse_cal`: the mean squared error of `model` over the loader's whole dataset, in
 * one forward pass over all its rows in dataset order (no gradients recorded). PyTorch returns a
 * 0-d tensor; this returns its value.
 *
 * @example
 * ```ts
 * mseCal(trainLoader, net); // e.g. 0.0452
 * ```
 */
export function mseCal(loader: { readonly dataset: Dataset<Tensor[]> }, model: Model): number {
  return noGrad(() => {
    const [x, y] = wholeDataset(loader);
    const diff = runModel(model, x!).sub(y!);
    return diff.mul(diff).mean().item();
  });
}

/**
 * The course's `accuracy_cal`: the share of rows whose predicted class (argmax over dim 1 of the
 * softmax of the outputs) equals the label, over the loader's whole dataset.
 *
 * @example
 * ```ts
 * accuracyCal(testLoader, net); // e.g. 0.91
 * ```
 */
export function accuracyCal(loader: { readonly dataset: Dataset<Tensor[]> }, model: Model): number {
  return noGrad(() => {
    const [x, y] = wholeDataset(loader);
    const predicted = runModel(model, x!).softmax(1).argmax(1);
    return predicted.eq(y!.flatten()).float().mean().item();
  });
}
