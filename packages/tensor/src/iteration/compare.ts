import type { BinaryKernelTable } from "../kernels/types.js";
import type { Tensor, TensorLike } from "../tensor.js";
import { binaryForward } from "./binary.js";
import { resultType2 } from "./operands.js";

/** Runs a comparison kernel: operands promoted to their common dtype, result bool. No autograd. */
export function compareForward(
  op: string,
  a: TensorLike,
  b: TensorLike,
  kernels: BinaryKernelTable,
): Tensor {
  return binaryForward(op, a, b, kernels, resultType2(a, b), "bool");
}

/** Runs a logical kernel: operands read as bool (nonzero is true), result bool. No autograd. */
export function logicalForward(
  op: string,
  a: TensorLike,
  b: TensorLike,
  kernels: BinaryKernelTable,
): Tensor {
  return binaryForward(op, a, b, kernels, "bool", "bool");
}
