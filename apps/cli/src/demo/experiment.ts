import type { EpochReport, TrainingLoader } from "@kindling/data";
import { fitRec, fitRecSc, splitLoader, tensorGenReg } from "@kindling/data";
import { LambdaLR } from "@kindling/lr-scheduler";
import { type CourseNet, MSELoss, netClass2 } from "@kindling/nn";
import { SGD } from "@kindling/optim";
import { manualSeed, type Tensor, tanh } from "@kindling/tensor";
import { DEMO, type RunSpec } from "./settings.js";

/** The seed's data: features, labels and the two loaders. */
export interface DemoData {
  /** `[1000, 5]` float32 features. */
  readonly features: Tensor;
  /** `[1000, 1]` float32 labels. */
  readonly labels: Tensor;
  /** The shuffling training loader (700 rows, batches of 50). */
  readonly train: TrainingLoader;
  /** The ordered test loader (300 rows). */
  readonly test: TrainingLoader;
}

/** `manual_seed(420)`, `tensorGenReg(w=[2, -1, 3, 1, 2], bias=False, deg=2)`, `split_loader(..., 50)`. */
export function makeData(): DemoData {
  manualSeed(DEMO.dataSeed);
  const [features, labels] = tensorGenReg({
    numExamples: DEMO.rows,
    w: DEMO.w,
    bias: DEMO.bias,
    deg: DEMO.deg,
  });
  const [train, test] = splitLoader(features, labels, {
    batchSize: DEMO.batchSize,
    rate: DEMO.rate,
  });
  return { features, labels, train, test };
}

/** `manual_seed(24)`, then `net_class2(act_fun=tanh, in_features=5, BN_model='pre')`. */
export function makeNet(): CourseNet {
  manualSeed(DEMO.netSeed);
  return netClass2({
    actFun: tanh,
    inFeatures: DEMO.inFeatures,
    nHidden1: DEMO.hidden[0],
    nHidden2: DEMO.hidden[1],
    bnModel: DEMO.bnModel,
  });
}

/** A finished run: its curves, and the objects its last stint trained with. */
export interface RunResult {
  /** The run's settings. */
  readonly spec: RunSpec;
  /** Train MSE after each epoch. */
  readonly train: number[];
  /** Test MSE after each epoch. */
  readonly test: number[];
  /** The lr each epoch trained with. */
  readonly lrs: number[];
  /** The optimizer's lr after the last epoch. */
  readonly finalLr: number;
  /** The trained network. */
  readonly net: CourseNet;
  /** The last stint's optimizer. */
  readonly optimizer: SGD;
  /** The scheduler, for a scheduled run. */
  readonly scheduler: LambdaLR | null;
}

/**
 * One run as the seed does it: `manual_seed(24)`, the network, then per stint a fresh SGD (and
 * LambdaLR for a scheduled run) and `fit_rec_sc` or `fit_rec`.
 */
export function runExperiment(
  spec: RunSpec,
  data: DemoData,
  onEpoch?: (report: EpochReport, done: number, total: number) => void,
): RunResult {
  const net = makeNet();
  const total = spec.stints.reduce((n, s) => n + s.epochs, 0);
  const train: number[] = [];
  const test: number[] = [];
  const lrs: number[] = [];
  let optimizer: SGD | null = null;
  let scheduler: LambdaLR | null = null;
  for (const stint of spec.stints) {
    const offset = train.length;
    optimizer = new SGD(net.parameters(), { lr: stint.lr });
    const common = {
      net,
      criterion: new MSELoss(),
      optimizer,
      trainData: data.train,
      testData: data.test,
      epochs: stint.epochs,
      ...(onEpoch === undefined
        ? {}
        : { onEpoch: (r: EpochReport) => onEpoch(r, offset + r.epoch + 1, total) }),
    };
    let record: { train: number[]; test: number[]; lrs: number[] };
    if (spec.lrLambda === undefined) {
      record = fitRec(common);
    } else {
      scheduler = new LambdaLR(optimizer, { lrLambda: spec.lrLambda });
      record = fitRecSc({ ...common, scheduler });
    }
    train.push(...record.train);
    test.push(...record.test);
    lrs.push(...record.lrs);
  }
  return {
    spec,
    train,
    test,
    lrs,
    finalLr: optimizer!.paramGroups[0]!.lr,
    net,
    optimizer: optimizer!,
    scheduler,
  };
}

/** The lr after each of `steps` scheduler steps of LambdaLR(`factor ** epoch`) at lr 0.05, from 0. */
export function lambdaSequence(factor: number, steps: number, lr = 0.05): number[] {
  const optimizer = { paramGroups: [{ lr }], step() {} };
  const scheduler = new LambdaLR(optimizer, { lrLambda: `${factor} ** epoch` });
  const out = [optimizer.paramGroups[0]!.lr];
  for (let i = 0; i < steps; i++) {
    optimizer.step();
    scheduler.step();
    out.push(optimizer.paramGroups[0]!.lr);
  }
  return out;
}
