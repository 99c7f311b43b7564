import { fitLoop } from "./fitLoop.js";
import type { FitRecord, FitRecScOptions } from "./types.js";

/**
 * The course's `fit_rec_sc`: {@link fitRec} with a learning-rate scheduler, stepped once per epoch
 * after the batch loop and before the evaluation (so `optimizer.step()` always comes before
 * `scheduler.step()`, as PyTorch requires).
 *
 * @returns The train and test curves and the lr each epoch trained with (the lr after the last
 * epoch is the optimizer's `paramGroups[0].lr`).
 *
 * @example
 * ```ts
 * const optimizer = new SGD(net.parameters(), { lr: 0.05 });
 * const scheduler = new LambdaLR(optimizer, { lrLambda: "0.95 ** epoch" });
 * const { train, lrs } = fitRecSc({
 *   net, criterion: new MSELoss(), optimizer, scheduler,
 *   trainData: trainLoader, testData: testLoader, epochs: 60,
 * });
 * lrs[1]; // 0.0475
 * ```
 */
export function fitRecSc(options: FitRecScOptions): FitRecord {
  return fitLoop(options, options.scheduler);
}
