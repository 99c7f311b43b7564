/**
 * Optimizers with PyTorch's param groups, state dicts and numerics.
 *
 * @packageDocumentation
 */
export type { DType } from "@kindling/tensor";
