// The guide "Weight averaging and LBFGS" shows this file; weightAveraging.test.ts runs it.
// #region swa
import { SWALR } from "@kindling/lr-scheduler";
import {
  AveragedModel,
  BatchNorm1d,
  Linear,
  MSELoss,
  Sequential,
  Tanh,
  updateBn,
} from "@kindling/nn";
import { LBFGS, SGD } from "@kindling/optim";
import { manualSeed, randn, type Tensor } from "@kindling/tensor";

/** What {@link stochasticWeightAveraging} reports. */
export interface SwaRun {
  /** The learning rate of each epoch. */
  lrs: number[];
  /** The first weight of the first layer at each epoch where it was averaged. */
  snapshots: number[];
  /** That weight in the averaged model. */
  averaged: number;
  /** How many models were averaged. */
  nAveraged: number;
  /** The full-data loss of the trained model and of the averaged one (after updateBn). */
  loss: { model: number; swa: number };
}

/** SGD for 20 epochs; from epoch 10 on, SWALR holds the lr and AveragedModel averages the weights. */
export function stochasticWeightAveraging(): SwaRun {
  manualSeed(420);
  const x = randn([200, 5]);
  const y = x.sum(1, true).tanh();
  const batches: [Tensor, Tensor][] = [];
  for (let i = 0; i < 200; i += 50) batches.push([x.narrow(0, i, 50), y.narrow(0, i, 50)]);

  const model = new Sequential(new Linear(5, 4), new BatchNorm1d(4), new Tanh(), new Linear(4, 1));
  const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const swa = new AveragedModel(model);
  const swaScheduler = new SWALR(optimizer, { swaLr: 0.02, annealEpochs: 3 });
  const lossFn = new MSELoss();

  const lrs: number[] = [];
  const snapshots: number[] = [];
  for (let epoch = 0; epoch < 20; epoch++) {
    lrs.push(optimizer.paramGroups[0]!.lr);
    for (const [input, target] of batches) {
      optimizer.zeroGrad();
      lossFn.call(model.call(input), target).backward();
      optimizer.step();
    }
    if (epoch >= 10) {
      swa.updateParameters(model);
      swaScheduler.step();
      snapshots.push((model.parameters()[0]!.toArray() as number[][])[0]![0]!);
    }
  }
  updateBn(batches, swa); // BatchNorm statistics for the averaged weights
  swa.eval();
  model.eval();
  return {
    lrs,
    snapshots,
    averaged: (swa.parameters()[0]!.toArray() as number[][])[0]![0]!,
    nAveraged: Number(swa.nAveraged.item()),
    loss: {
      model: lossFn.call(model.call(x), y).item() as number,
      swa: lossFn.call(swa.call(x), y).item() as number,
    },
  };
}
// #endregion swa

// #region lbfgs
/** LBFGS on the same regression with a linear model: each step runs the closure several times. */
export function lbfgsFit(): { losses: number[] } {
  manualSeed(420);
  const x = randn([200, 5]);
  const y = x.sum(1, true).mul(0.5);
  const model = new Linear(5, 1);
  const optimizer = new LBFGS(model.parameters(), { lineSearchFn: "strong_wolfe" });
  const lossFn = new MSELoss();
  const closure = () => {
    optimizer.zeroGrad();
    const loss = lossFn.call(model.call(x), y);
    loss.backward();
    return loss;
  };
  const losses: number[] = [];
  for (let step = 0; step < 3; step++)
    losses.push((optimizer.step(closure) as Tensor).item() as number);
  return { losses };
}
// #endregion lbfgs
