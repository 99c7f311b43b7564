/**
 * Strided tensors with reverse-mode autograd and PyTorch-identical random numbers.
 *
 * This release carries the dtypes and the random number generator (PyTorch 1.13's CPU Mersenne
 * Twister and sampling kernels, writing into typed arrays); the tensor engine follows.
 *
 * @packageDocumentation
 */
export { DTYPES, type DType, dtypeByteSize, isFloatingPoint } from "./dtype.js";
export * from "./random/index.js";
