/**
 * Datasets, data loaders and data generators in step with PyTorch's random stream.
 *
 * @packageDocumentation
 */
export type { DType } from "@kindling/tensor";
