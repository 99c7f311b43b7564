/**
 * Strided tensors with reverse-mode autograd and PyTorch-identical random numbers.
 *
 * @packageDocumentation
 */
export { DTYPES, type DType, dtypeByteSize, isFloatingPoint } from "./dtype.js";
