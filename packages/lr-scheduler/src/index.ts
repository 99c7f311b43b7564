/**
 * Every PyTorch learning-rate scheduler, with identical sequences and no runtime dependencies.
 *
 * @packageDocumentation
 */
export type { OptimizerLike, ParamGroupLike } from "./optimizerLike.js";
