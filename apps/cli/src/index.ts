/**
 * The `kindling` command's library entry: the course's training helpers that `kindling demo` runs,
 * exported for use from code. They live in `@kindling/data` (import them from there to avoid the
 * command's dependencies); this entry re-exports them.
 *
 * @packageDocumentation
 */

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
} from "@kindling/data";
export { fitRec, fitRecSc } from "@kindling/data";
