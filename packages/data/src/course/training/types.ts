import type { Tensor } from "@kindling/tensor";
import type { Dataset } from "../../dataset/dataset.js";

/**
 * The network a training helper drives: an `@kindling/nn` module, or anything with the same
 * `train`, `eval` and `forward` (the course's `net.train()`, `net.eval()`, `net.forward(X)`).
 */
export interface TrainableModel {
  /** Switches to training mode (BatchNorm uses batch statistics). */
  train(mode?: boolean): unknown;
  /** Switches to evaluation mode (BatchNorm uses its running statistics). */
  eval(): unknown;
  /** The network's output for a batch of inputs. */
  forward(x: Tensor): Tensor;
}

/** A loss module, such as `new MSELoss()`: called as `criterion.call(yhat, y)`. */
export interface LossModule {
  /** The loss of predictions `yhat` against targets `y` (PyTorch's `criterion(yhat, y)`). */
  call(yhat: Tensor, y: Tensor): Tensor;
}

/** The loss: a function `(yhat, y) => loss`, or a {@link LossModule}. */
export type Criterion = ((yhat: Tensor, y: Tensor) => Tensor) | LossModule;

/** A parameter group as the training helpers read it. */
export interface LrGroup {
  /** The group's current learning rate. */
  readonly lr: number;
}

/** The optimizer a training helper steps: an `@kindling/optim` optimizer such as `SGD`. */
export interface TrainingOptimizer {
  /** Clears the gradients of every parameter (`optimizer.zero_grad()`). */
  zeroGrad(): void;
  /**
   * Applies one update from the current gradients (`optimizer.step()`), or, for an optimizer
   * that {@link TrainingOptimizer.requiresClosure | requires a closure}, from the closure's
   * evaluations (`optimizer.step(closure)`).
   */
  step(closure?: () => Tensor): unknown;
  /**
   * True for optimizers whose `step` must re-evaluate the loss through a closure (`LBFGS`): the
   * helpers then step with a closure that zeroes the gradients, runs the forward pass and the
   * loss on the batch, calls backward and returns the loss. Absent or false: the course's order.
   */
  readonly requiresClosure?: boolean;
  /** The parameter groups; the helpers record the first group's `lr` each epoch. */
  readonly paramGroups: readonly LrGroup[];
}

/** A learning-rate scheduler stepped once per epoch (any `@kindling/lr-scheduler` scheduler). */
export interface EpochScheduler {
  /** Advances the schedule by one epoch and writes the new lr into the optimizer. */
  step(): void;
}

/**
 * A data loader as the helpers use it: iterable over `[X, y]` batches, with the `dataset` it draws
 * from (which the evaluation helper reads whole). `splitLoader`'s loaders are such loaders.
 */
export interface TrainingLoader extends Iterable<Tensor[]> {
  /** The rows the loader iterates over. */
  readonly dataset: Dataset<Tensor[]>;
}

/**
 * An evaluation helper (the course's `eva`): a metric of `model` over a loader's whole dataset,
 * such as `mseCal` (the default) or `accuracyCal` from `@kindling/data`.
 */
export type Evaluator = (
  loader: { readonly dataset: Dataset<Tensor[]> },
  model: { forward(x: Tensor): Tensor },
) => number;

/** What the training helpers report after each epoch, to `onEpoch`. */
export interface EpochReport {
  /** The epoch just finished, counted from 0. */
  readonly epoch: number;
  /** The number of epochs of this call. */
  readonly epochs: number;
  /** The evaluation metric on the training data after this epoch. */
  readonly train: number;
  /** The evaluation metric on the test data after this epoch. */
  readonly test: number;
  /** The learning rate (first param group) this epoch trained with. */
  readonly lr: number;
}

/** The arguments of {@link fitRec}, under the course's names (camel-cased). */
export interface FitRecOptions {
  /** The network to train (`net`). */
  readonly net: TrainableModel;
  /** The loss (`criterion`), e.g. `new MSELoss()`. */
  readonly criterion: Criterion;
  /** The optimizer (`optimizer`), e.g. `new SGD(net.parameters(), { lr: 0.03 })`. */
  readonly optimizer: TrainingOptimizer;
  /** The training loader (`train_data`). */
  readonly trainData: TrainingLoader;
  /** The test loader (`test_data`). */
  readonly testData: TrainingLoader;
  /** Passes over the training data (`epochs`). Default 3. */
  readonly epochs?: number;
  /** Classification (`cla`): labels are flattened and cast to int64 before the loss. Default false. */
  readonly cla?: boolean;
  /** The evaluation helper (`eva`). Default `mseCal`. */
  readonly eva?: Evaluator;
  /** Called after each epoch's evaluation (for progress display); not part of the course's API. */
  readonly onEpoch?: (report: EpochReport) => void;
}

/** The arguments of {@link fitRecSc}: those of {@link fitRec} and the scheduler. */
export interface FitRecScOptions extends FitRecOptions {
  /** The scheduler (`scheduler`), stepped once per epoch after the batch loop. */
  readonly scheduler: EpochScheduler;
}

/**
 * What the training helpers return: the course's `(train_l, test_l)` lists, and the lr of each
 * epoch.
 */
export interface FitRecord {
  /** The evaluation metric on the training data after each epoch (`train_l`). */
  readonly train: number[];
  /** The evaluation metric on the test data after each epoch (`test_l`). */
  readonly test: number[];
  /** The learning rate (first param group) each epoch trained with. */
  readonly lrs: number[];
}
