import { noGrad, type Tensor } from "@kindling/tensor";
import { BatchNorm1d } from "../layers/batchNorm1d.js";
import type { AnyModule } from "../module/module.js";

/**
 * Recomputes the running statistics of every BatchNorm layer of `model` from one pass over
 * `loader` (`torch.optim.swa_utils.update_bn`), for weights that were averaged rather than
 * trained, such as an {@link AveragedModel}'s. Each layer's statistics restart (mean 0, variance
 * 1, no batches counted) and become the plain average over the batches (momentum `null` during
 * the pass, then restored). The model runs in training mode and is left in the mode it had.
 * Items of `loader` that are arrays (a DataLoader's `[x, y]`) give their first element. Does
 * nothing when the model has no BatchNorm layer.
 *
 * @example
 * ```ts
 * updateBn(trainLoader, swa); // swa's BatchNorm statistics now fit its averaged weights
 * ```
 */
export function updateBn(loader: Iterable<Tensor | readonly unknown[]>, model: AnyModule): void {
  const momenta = new Map<BatchNorm1d, number | null>();
  for (const module of model.modules()) {
    if (module instanceof BatchNorm1d && module.runningMean !== null) {
      momenta.set(module, module.momentum);
    }
  }
  if (momenta.size === 0) return;
  noGrad(() => {
    const wasTraining = model.training;
    model.train();
    for (const bn of momenta.keys()) {
      bn.runningMean!.zero_();
      bn.runningVar!.fill_(1);
      bn.momentum = null;
      bn.numBatchesTracked!.mul_(0);
    }
    for (const item of loader) {
      const input = Array.isArray(item) ? (item[0] as Tensor) : (item as Tensor);
      model.call(input);
    }
    for (const [bn, momentum] of momenta) bn.momentum = momentum;
    model.train(wasTraining);
  });
}
