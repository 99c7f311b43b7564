/**
 * Checkpoints that PyTorch reads and writes (.pt zip format) and safetensors, with a restricted unpickler.
 *
 * @packageDocumentation
 */
export type { DType } from "@kindling/tensor";
