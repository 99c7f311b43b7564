/**
 * Datasets, data loaders, and the course's data generators and training loops (`fitRec`,
 * `fitRecSc`), in step with PyTorch's random stream.
 *
 * @packageDocumentation
 */
export { accuracyCal, mseCal } from "./course/evaluate.js";
export { type ForwardModule, type Model, runModel } from "./course/model.js";
export {
  type CourseLoader,
  type SplitLoaderOptions,
  splitLoader,
} from "./course/splitLoader.js";
export { type TensorGenClaOptions, tensorGenCla } from "./course/tensorGenCla.js";
export { type TensorGenRegOptions, tensorGenReg } from "./course/tensorGenReg.js";
export { fitRec } from "./course/training/fitRec.js";
export { fitRecSc } from "./course/training/fitRecSc.js";
export type {
  Criterion,
  EpochReport,
  EpochScheduler,
  Evaluator,
  FitRecOptions,
  FitRecord,
  FitRecScOptions,
  LossModule,
  LrGroup,
  TrainableModel,
  TrainingLoader,
  TrainingOptimizer,
} from "./course/training/types.js";
export { DataError } from "./dataErrors.js";
export { ConcatDataset } from "./dataset/concatDataset.js";
export { checkIndex, type Dataset } from "./dataset/dataset.js";
export { randomSplit } from "./dataset/randomSplit.js";
export { Subset } from "./dataset/subset.js";
export { TensorDataset } from "./dataset/tensorDataset.js";
export { type Collated, defaultCollate } from "./loader/collate.js";
export { DataLoader, type DataLoaderOptions, type LoaderPosition } from "./loader/dataLoader.js";
export { BatchSampler } from "./sampler/batchSampler.js";
export { RandomSampler, type RandomSamplerOptions } from "./sampler/randomSampler.js";
export type { Sampler } from "./sampler/sampler.js";
export { SequentialSampler } from "./sampler/sequentialSampler.js";
export { SubsetRandomSampler } from "./sampler/subsetRandomSampler.js";
export {
  WeightedRandomSampler,
  type WeightedRandomSamplerOptions,
} from "./sampler/weightedRandomSampler.js";
