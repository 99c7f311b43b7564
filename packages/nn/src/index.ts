/**
 * Modules, layers, losses and initialisation that match PyTorch's torch.nn.
 *
 * @packageDocumentation
 */
export type { DType } from "@kindling/tensor";
