/**
 * Every PyTorch learning-rate scheduler, with identical sequences and no runtime dependencies.
 *
 * @packageDocumentation
 */

export {
  type ClosedFormCheckOptions,
  type ClosedFormReport,
  checkClosedFormAgrees,
} from "./authoring/checkClosedFormAgrees.js";
export { SchedulerError, type SchedulerErrorKind } from "./base/errors.js";
export { _LRScheduler, LRScheduler, type LRSchedulerOptions } from "./base/lrScheduler.js";
export type { Scheduler, SteppingScheduler } from "./base/scheduler.js";
export {
  type DecodeContext,
  field,
  type StateCodec,
  type StateDict,
  type StateField,
  type StateSchema,
  type StateValue,
} from "./base/state.js";
export {
  type SchedulerWarning,
  type SchedulerWarningCode,
  setWarningHandler,
  WARNING_MESSAGES,
  type WarningHandler,
} from "./base/warnings.js";
export { findSchedulerInfo, SCHEDULER_CATALOG } from "./catalog/catalog.js";
export type {
  OptionDefault,
  OptionKind,
  SchedulerInfo,
  SchedulerOption,
} from "./catalog/schedulerInfo.js";
export type { BinaryOperator, ExpressionNode } from "./expression/ast.js";
export type { CompiledExpression } from "./expression/compile.js";
export {
  type EvaluationContext,
  ExpressionEvaluationError,
  type PythonFailure,
} from "./expression/evaluationError.js";
export { FactorExpression } from "./expression/factorExpression.js";
export { formatExpression } from "./expression/format.js";
export { parseExpression } from "./expression/parse.js";
export { ExpressionSyntaxError } from "./expression/syntaxError.js";
export type { OptimizerLike, ParamGroupLike } from "./optimizerLike.js";
export {
  type LinearWarmupCosineOptions,
  linearWarmupCosine,
} from "./presets/linearWarmupCosine.js";
export { type LinearWarmupStepOptions, linearWarmupStep } from "./presets/linearWarmupStep.js";
export { type WarmupStableDecayOptions, warmupStableDecay } from "./presets/warmupStableDecay.js";
export { type PreviewOptions, previewSchedule } from "./preview.js";
export type { AnnealStrategy } from "./schedulers/anneal.js";
export {
  ChainedScheduler,
  type ChainedSchedulerOptions,
} from "./schedulers/chainedScheduler.js";
export { ConstantLR, type ConstantLROptions } from "./schedulers/constantLR.js";
export {
  CosineAnnealingLR,
  type CosineAnnealingLROptions,
} from "./schedulers/cosineAnnealingLR.js";
export {
  CosineAnnealingWarmRestarts,
  type CosineAnnealingWarmRestartsOptions,
} from "./schedulers/cosineAnnealingWarmRestarts.js";
export { CyclicLR, type CyclicLROptions, type CyclicMode } from "./schedulers/cyclicLR.js";
export { ExponentialLR, type ExponentialLROptions } from "./schedulers/exponentialLR.js";
export { LambdaLR, type LambdaLROptions } from "./schedulers/lambdaLR.js";
export { LinearLR, type LinearLROptions } from "./schedulers/linearLR.js";
export type { Factor, LrLambda } from "./schedulers/lrLambda.js";
export { MultiplicativeLR, type MultiplicativeLROptions } from "./schedulers/multiplicativeLR.js";
export { MultiStepLR, type MultiStepLROptions } from "./schedulers/multiStepLR.js";
export { OneCycleLR, type OneCycleLROptions } from "./schedulers/oneCycleLR.js";
export { PolynomialLR, type PolynomialLROptions } from "./schedulers/polynomialLR.js";
export {
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
} from "./schedulers/reduceLROnPlateau.js";
export {
  type SequenceableScheduler,
  SequentialLR,
  type SequentialLROptions,
} from "./schedulers/sequentialLR.js";
export { StepLR, type StepLROptions } from "./schedulers/stepLR.js";
export { SWALR, type SWALROptions } from "./schedulers/swalr.js";
