/**
 * The `kindling` command's library entry: the course's training helpers that `kindling demo` runs,
 * exported for use from code.
 *
 * @packageDocumentation
 */
export { fitRec } from "./training/fitRec.js";
export { fitRecSc } from "./training/fitRecSc.js";
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
} from "./training/types.js";
