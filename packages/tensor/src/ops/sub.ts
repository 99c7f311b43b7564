import {
  checkInPlaceDtype,
  commitInPlace,
  inPlaceNeedsGrad,
  snapshot,
} from "../autograd/inPlace.js";
import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand, negatedGradForOperand } from "../autograd/sumToShape.js";
import { incrementVersion } from "../autograd/version.js";
import { DTypeError } from "../errors.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { subKernels } from "../kernels/generated/tables.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { addScaled, addScaledInPlace } from "./addScaled.js";

const TWO_BOOLS =
  "Subtraction, the `-` operator, with two bool tensors is not supported. Use logicalXor() instead.";
const ONE_BOOL =
  "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to " +
  "invert a mask, use logicalNot() instead.";

function isBool(x: TensorLike): boolean {
  return typeof x === "boolean" || (x instanceof Tensor && x.dtype === "bool");
}

/**
 * PyTorch's `sub_check`: no operand of a subtraction may be bool (a JS boolean counts as a bool
 * tensor, as Python's `True` does).
 */
function checkNoBool(op: string, a: TensorLike, b: TensorLike): void {
  const ab = isBool(a);
  const bb = isBool(b);
  if (ab && bb) throw new DTypeError(`${op}: ${TWO_BOOLS}`);
  if (ab || bb) throw new DTypeError(`${op}: ${ONE_BOOL}`);
}

/**
 * `a - alpha * b`, elementwise with broadcasting and type promotion (`torch.sub`): `alpha`
 * (default 1) as in {@link add}, and no bool operand (PyTorch's rule).
 *
 * @throws DTypeError when an operand is bool, or for a fractional alpha with an int64 result.
 *
 * @example
 * ```ts
 * sub(tensor([5, 7]), 2).toArray(); // [3, 5]
 * ```
 */
export function sub(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  checkNoBool("sub", a, b);
  if (alpha !== undefined && alpha !== 1) return addScaled("sub", a, b, alpha, -1);
  const dtype = resultType2(a, b);
  const out = binaryForward("sub", a, b, subKernels, dtype, dtype);
  if (needsGrad2(a, b)) {
    record(out, "SubBackward0", [a, b], [], (g) => [
      gradForOperand(a, g),
      negatedGradForOperand(b, g),
    ]);
  }
  return out;
}

/** In-place `self -= alpha * other` (`Tensor.sub_`), rounded as {@link sub}. Returns `self`. */
export function sub_(self: Tensor, other: TensorLike, alpha?: number): Tensor {
  if (inPlaceNeedsGrad(self, other))
    return commitInPlace("sub_", self, sub(snapshot(self), other, alpha));
  checkNoBool("sub_", self, other);
  const dtype = resultType2(self, other);
  checkInPlaceDtype("sub_", dtype, self);
  if (alpha === undefined || alpha === 1) {
    binaryForward("sub_", self, other, subKernels, dtype, dtype, self);
  } else addScaledInPlace("sub_", self, other, alpha, -1, dtype);
  incrementVersion(self);
  return self;
}
