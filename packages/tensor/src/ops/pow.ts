import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { zerosLike } from "../creation/zerosLike.js";
import type { DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { binaryForward } from "../iteration/binary.js";
import { castTo } from "../iteration/cast.js";
import { resultType2 } from "../iteration/operands.js";
import { unaryForward } from "../iteration/unary.js";
import {
  divKernels,
  mulKernels,
  powKernels,
  reciprocalKernels,
  rsqrtKernels,
  sqrtKernels,
} from "../kernels/generated/tables.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { eq } from "./eq.js";
import { ge } from "./ge.js";
import { log } from "./log.js";
import { logicalAnd } from "./logicalAnd.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";
import { where } from "./where.js";

/**
 * `base ** exponent`, elementwise with broadcasting (`torch.pow`). For float32, computed in double
 * precision and rounded once; PyTorch's `powf` agrees to within one unit in the last place. The
 * exponents PyTorch computes by other ops on a float tensor take the same ops, bit for bit as in
 * PyTorch: 1 is a copy, 2 is `x * x`, 3 `x * x * x`, -2 `1 / (x * x)`, -1 `reciprocal`, 0.5 `sqrt` and -0.5
 * `rsqrt`. As C's `pow` (and unlike JavaScript's `**`), base 1 gives 1 for every exponent, NaN
 * included, and base -1 gives 1 for ±Infinity. Integer powers wrap modulo 2^64; an integral base
 * with a negative integer scalar exponent throws, as in PyTorch (a tensor exponent gives 0 there,
 * or ±1 for bases ±1).
 *
 * @example
 * ```ts
 * pow(tensor([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * ```
 */
export function pow(base: TensorLike, exponent: TensorLike): Tensor {
  const dtype = resultType2(base, exponent);
  if (dtype === "int64" && isNegativeScalar(exponent)) {
    throw new DTypeError("pow: Integers to negative integer powers are not allowed.");
  }
  const special =
    typeof exponent === "number" &&
    base instanceof Tensor &&
    (dtype === "float32" || dtype === "float64")
      ? specialPower(base, exponent, dtype)
      : null;
  const out = special ?? binaryForward("pow", base, exponent, powKernels, dtype, dtype);
  if (needsGrad2(base, exponent)) {
    const baseGradFn = (g: Tensor) =>
      typeof base === "object" && base.requiresGrad
        ? gradForOperand(base, baseGrad(g, base, exponent))
        : null;
    const exponentGradFn = (g: Tensor) =>
      typeof exponent === "object" && exponent.requiresGrad
        ? gradForOperand(exponent, exponentGrad(g, base, exponent, out))
        : null;
    const saved = [base, exponent, exponent instanceof Tensor ? out : null];
    // As PyTorch's overloads: a scalar exponent or base is no input of the node.
    if (!(exponent instanceof Tensor)) {
      record(out, "PowBackward0", [base], saved, (g) => [baseGradFn(g)]);
    } else if (base instanceof Tensor) {
      record(out, "PowBackward1", [base, exponent], saved, (g) => [
        baseGradFn(g),
        exponentGradFn(g),
      ]);
    } else {
      record(out, "PowBackward2", [exponent], saved, (g) => [exponentGradFn(g)]);
    }
  }
  return out;
}

/**
 * `base ** exponent` for the exponents PyTorch 1.13 computes by other ops (`pow_tensor_scalar`),
 * by those ops' kernels (the multiply's run on SIMD for float32), or null for any other exponent.
 * No autograd.
 */
function specialPower(base: Tensor, exponent: number, dtype: DType): Tensor | null {
  const square = (): Tensor => binaryForward("pow", base, base, mulKernels, dtype, dtype);
  switch (exponent) {
    case 1:
      // PyTorch copies the base (`out.copy_(base)`): the backward of `x ** 2` takes this path
      return castTo(base, dtype);
    case 2:
      return square();
    case 3:
      return binaryForward("pow", square(), base, mulKernels, dtype, dtype);
    case -2:
      return binaryForward("pow", 1, square(), divKernels, dtype, dtype);
    case -1:
      return unaryForward("pow", base, reciprocalKernels, dtype);
    case 0.5:
      return unaryForward("pow", base, sqrtKernels, dtype);
    case -0.5:
      return unaryForward("pow", base, rsqrtKernels, dtype);
    default:
      return null;
  }
}

/** Whether `x` is a number or bigint below zero (a negative scalar exponent). */
function isNegativeScalar(x: TensorLike): boolean {
  return (typeof x === "number" || typeof x === "bigint") && x < 0;
}

/** PyTorch's `pow_backward`: zeros for an exponent of 0, else `g · (e · base^(e - 1))`. */
function baseGrad(g: Tensor, base: Tensor, exponent: TensorLike): Tensor {
  if (exponent === 0) return zerosLike(g);
  const lower = typeof exponent === "number" ? exponent - 1 : sub(exponent, 1);
  const d = mul(exponent, pow(base, lower));
  return mul(g, exponent instanceof Tensor ? where(eq(exponent, 0), 0, d) : d);
}

function exponentGrad(g: Tensor, base: TensorLike, exponent: Tensor, out: Tensor): Tensor {
  const d = mul(out, log(base instanceof Tensor ? base : mul(exponent, 0).add(base)));
  const zeroBase = logicalAnd(eq(base, 0), ge(exponent, 0));
  return mul(g, where(zeroBase, 0, d));
}
