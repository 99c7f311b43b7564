import type { Tensor } from "@kindling/tensor";
import { mseCal } from "../evaluate.js";
import type { Criterion, EpochScheduler, FitRecOptions, FitRecord } from "./types.js";

function lossOf(criterion: Criterion, yhat: Tensor, y: Tensor): Tensor {
  return typeof criterion === "function" ? criterion(yhat, y) : criterion.call(yhat, y);
}

/**
 * The loop shared by fitRec and fitRecSc: per epoch, train mode and one pass over the training
 * batches (forward, loss, zero_grad, backward, step; or, for an optimizer that requires a
 * closure, `step(closure)` with the closure doing zero_grad, forward, loss and backward), the
 * scheduler's step when there is one, then eval mode and the metric on both loaders.
 */
export function fitLoop(options: FitRecOptions, scheduler: EpochScheduler | null): FitRecord {
  const { net, criterion, optimizer, trainData, testData } = options;
  const epochs = options.epochs ?? 3;
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw new RangeError(`epochs must be a non-negative integer, got ${epochs}`);
  }
  const cla = options.cla ?? false;
  const eva = options.eva ?? mseCal;
  const record: FitRecord = { train: [], test: [], lrs: [] };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = optimizer.paramGroups[0]?.lr ?? Number.NaN;
    record.lrs.push(lr);
    net.train();
    for (const batch of trainData) {
      const x = batch[0]!;
      const y = cla ? batch[1]!.flatten().long() : batch[1]!;
      if (optimizer.requiresClosure === true) {
        // PyTorch's closure for LBFGS: it may run several times within one step
        optimizer.step(() => {
          optimizer.zeroGrad();
          const loss = lossOf(criterion, net.forward(x), y);
          loss.backward();
          return loss;
        });
        continue;
      }
      const loss = lossOf(criterion, net.forward(x), y);
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
    }
    scheduler?.step();
    net.eval();
    const train = eva(trainData, net);
    const test = eva(testData, net);
    record.train.push(train);
    record.test.push(test);
    options.onEpoch?.({ epoch, epochs, train, test, lr });
  }
  return record;
}
