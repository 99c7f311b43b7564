import { fitLoop } from "./fitLoop.js";
import type { FitRecOptions, FitRecord } from "./types.js";

/**
 * The course's `fit_rec`: trains `net` for `epochs` passes over `trainData` and records the
 * evaluation metric on both loaders after every pass.
 *
 * Each epoch: `net.train()`; for each batch `[X, y]` (with `cla`, `y` flattened and cast to int64),
 * `loss = criterion(net.forward(X), y)`, `optimizer.zeroGrad()`, `loss.backward()`,
 * `optimizer.step()`; then `net.eval()` and `eva(trainData, net)`, `eva(testData, net)` appended to
 * `train` and `test`. The random numbers consumed are the loaders' (two int64 draws per epoch for
 * a shuffling loader), so the same seeds give PyTorch's batch order.
 *
 * @returns The train and test curves and the lr each epoch trained with.
 *
 * @example
 * ```ts
 * manualSeed(24);
 * const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
 * const { train, test } = fitRec({
 *   net, criterion: new MSELoss(), optimizer: new SGD(net.parameters(), { lr: 0.03 }),
 *   trainData: trainLoader, testData: testLoader, epochs: 60,
 * });
 * ```
 */
export function fitRec(options: FitRecOptions): FitRecord {
  return fitLoop(options, null);
}
