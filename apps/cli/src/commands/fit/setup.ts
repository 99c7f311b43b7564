import type { Criterion, Evaluator, TrainingLoader } from "@kindling/data";
import { accuracyCal, mseCal, splitLoader, tensorGenCla, tensorGenReg } from "@kindling/data";
import {
  type OptimizerLike,
  ReduceLROnPlateau,
  type Scheduler,
  SchedulerError,
} from "@kindling/lr-scheduler";
import {
  CourseNet,
  CrossEntropyLoss,
  functional as F,
  MSELoss,
  type Parameter,
} from "@kindling/nn";
import { type Optimizer, OptimizerError } from "@kindling/optim";
import { manualSeed, type Tensor } from "@kindling/tensor";
import { UserError } from "../../errors.js";
import { findOptimizer, OPTIMIZERS } from "../../optimizers/catalog.js";
import { resolveOptions } from "../../options/optionSpec.js";
import { type ComponentSpec, parseSpec } from "../../options/rawValue.js";
import { buildScheduler, checkSchedulerSpec, specFromText } from "../../schedulers/build.js";
import { didYouMean } from "../../util/nearest.js";
import { type Activation, type FitConfig, stintsOf } from "./config.js";

/** The data of a run: the two loaders, and what the network's ends must be. */
export interface FitData {
  /** The shuffling training loader. */
  readonly train: TrainingLoader;
  /** The ordered test loader. */
  readonly test: TrainingLoader;
  /** Features per row (the network's input width). */
  readonly inFeatures: number;
  /** Network outputs: 1 for regression, the class count for classification. */
  readonly outFeatures: number;
}

/**
 * `manual_seed(dataSeed)`, the course's generator, then `split_loader` (which draws the split from
 * the default generator too), exactly as the seed does.
 */
export function makeFitData(config: FitConfig): FitData {
  manualSeed(config.dataSeed);
  let features: Tensor;
  let labels: Tensor;
  if (config.task === "regression") {
    [features, labels] = tensorGenReg({
      numExamples: config.rows,
      w: config.w,
      bias: config.bias,
      delta: config.noise,
      deg: config.deg,
    });
  } else {
    [features, labels] = tensorGenCla({
      numExamples: config.rows,
      numInputs: config.features,
      numClass: config.classes,
      degDispersion: config.dispersion,
    });
  }
  const [train, test] = splitLoader(features, labels, {
    batchSize: config.batchSize,
    rate: config.rate,
  });
  return {
    train,
    test,
    inFeatures: features.shape[1]!,
    outFeatures: config.task === "regression" ? 1 : config.classes,
  };
}

const ACTIVATION_FUNCTIONS: Record<Activation, (x: Tensor) => Tensor> = {
  tanh: (x) => F.tanh(x),
  relu: (x) => F.relu(x),
  sigmoid: (x) => F.sigmoid(x),
  gelu: (x) => F.gelu(x),
  elu: (x) => F.elu(x),
  silu: (x) => F.silu(x),
  leaky_relu: (x) => F.leakyRelu(x),
};

/** `manual_seed(netSeed)`, then the course's `net_class<k>` for the config's hidden layers. */
export function makeFitNet(config: FitConfig, data: FitData): CourseNet {
  manualSeed(config.netSeed);
  return new CourseNet({
    actFun: ACTIVATION_FUNCTIONS[config.activation],
    inFeatures: data.inFeatures,
    hiddenSizes: config.hidden,
    outFeatures: data.outFeatures,
    bnModel: config.batchNorm === "none" ? null : config.batchNorm,
  });
}

/** The loss and the evaluation metric of the task: MSE, or cross-entropy with accuracy. */
export function taskOf(config: FitConfig): {
  criterion: Criterion;
  eva: Evaluator;
  cla: boolean;
  metric: string;
} {
  return config.task === "regression"
    ? { criterion: new MSELoss(), eva: mseCal, cla: false, metric: "MSE" }
    : { criterion: new CrossEntropyLoss(), eva: accuracyCal, cla: true, metric: "accuracy" };
}

/**
 * A function building the config's optimizer over `params` at a stint's lr.
 * @throws UserError for an unknown optimizer or option (nearest name suggested), or a value the
 * package rejects (its message states the valid range), at once rather than at the first stint.
 */
export function optimizerFactory(
  config: FitConfig,
  params: Parameter[],
): (lr: number) => Optimizer {
  const spec = parseSpec(config.optimizer, () => false);
  const entry = findOptimizer(spec.name);
  if (entry === undefined) {
    const names = OPTIMIZERS.map((o) => o.name);
    throw new UserError(
      `unknown optimizer "${spec.name}"${didYouMean(spec.name, names)}; the optimizers: ${names.join(", ")}`,
    );
  }
  if (spec.options.some(([key]) => key.toLowerCase() === "lr")) {
    throw new UserError(
      `--optimizer ${entry.name}: set the learning rate with --lr, not in the spec`,
    );
  }
  const options = resolveOptions(entry.name, entry.options, spec.options);
  const build = (lr: number) => {
    try {
      return entry.build(params, lr, options);
    } catch (error) {
      if (error instanceof OptimizerError || error instanceof RangeError) {
        throw new UserError(`${entry.name}: ${error.message.split("\n")[0]}`);
      }
      throw error;
    }
  };
  build(config.plan?.[0]?.lr ?? config.lr); // fail early on invalid values
  return build;
}

/** A function building the config's scheduler on an optimizer, or null for a constant lr. */
export function schedulerFactory(
  config: FitConfig,
): ((optimizer: OptimizerLike) => Scheduler) | null {
  if (config.scheduler === null) return null;
  const spec = specFromText(config.scheduler);
  checkSchedulerSpec(spec, config.plan?.[0]?.lr ?? config.lr); // fail before training, not after
  for (const stint of stintsOf(config)) rehearseSchedule(spec, stint.epochs, stint.lr);
  return (optimizer) => buildScheduler(spec, optimizer);
}

/**
 * Steps the scheduler through a stint on a throwaway optimizer, so that a schedule that cannot
 * last the stint (OneCycleLR's `totalSteps` shorter than the epochs) is refused before any
 * training, not after it.
 * @throws UserError with the scheduler's own message.
 */
function rehearseSchedule(spec: ComponentSpec, epochs: number, lr: number): void {
  const optimizer = {
    paramGroups: [{ lr, momentum: 0.9 }],
    defaults: { momentum: 0.9 },
    step() {},
  };
  const scheduler = buildScheduler(spec, optimizer) as unknown as { step(metric?: number): void };
  try {
    for (let e = 0; e < epochs; e++) {
      optimizer.step();
      if (stepsWithMetric(scheduler)) scheduler.step(1);
      else scheduler.step();
    }
  } catch (error) {
    if (error instanceof SchedulerError) {
      throw new UserError(
        `--scheduler ${spec.name} cannot last ${epochs} epochs: ${error.message.split("\n")[0]}`,
      );
    }
    throw error;
  }
}

/**
 * Refuses a training split whose last batch would hold one row when the network uses BatchNorm:
 * training-mode BatchNorm needs more than one value per channel (PyTorch raises mid-epoch).
 * @throws UserError naming the sizes and what to change.
 */
export function checkLastBatch(config: FitConfig, trainRows: number): void {
  if (config.batchNorm === "none") return;
  const last = trainRows % config.batchSize;
  if (config.batchSize === 1 || trainRows === 1 || last === 1) {
    throw new UserError(
      `a training batch would hold 1 row (${trainRows} training rows in batches of ${config.batchSize}): ` +
        "BatchNorm needs more than one row per batch in training; change --batch-size or --rows, or use --batch-norm none",
    );
  }
}

/** True for a scheduler stepped with the epoch's metric (ReduceLROnPlateau). */
export function stepsWithMetric(scheduler: unknown): boolean {
  return scheduler instanceof ReduceLROnPlateau;
}
