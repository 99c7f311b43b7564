import { needsGrad2, record } from "../autograd/record.js";
import { gradForOperand } from "../autograd/sumToShape.js";
import { binaryForward } from "../iteration/binary.js";
import { resultType2 } from "../iteration/operands.js";
import { mulKernels, powKernels } from "../kernels/generated/tables.js";
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
 * precision and rounded once; PyTorch's `powf` agrees to within one unit in the last place. An
 * exponent of 2 on a float tensor is `base * base`, bit for bit as in PyTorch.
 *
 * @example
 * ```ts
 * pow(tensor([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * ```
 */
export function pow(base: TensorLike, exponent: TensorLike): Tensor {
  const dtype = resultType2(base, exponent);
  // x ** 2 of a float tensor is x * x, as PyTorch computes it (one rounding either way), and
  // runs on the multiply's kernels (SIMD for float32) rather than a pow call per element
  const square =
    exponent === 2 && base instanceof Tensor && (dtype === "float32" || dtype === "float64");
  const out = square
    ? binaryForward("pow", base, base, mulKernels, dtype, dtype)
    : binaryForward("pow", base, exponent, powKernels, dtype, dtype);
  if (needsGrad2(base, exponent)) {
    const name = !(exponent instanceof Tensor)
      ? "PowBackward0"
      : base instanceof Tensor
        ? "PowBackward1"
        : "PowBackward2";
    record(out, name, [base, exponent], (g) => [
      typeof base === "object" && base.requiresGrad
        ? gradForOperand(base, baseGrad(g, base, exponent))
        : null,
      typeof exponent === "object" && exponent.requiresGrad
        ? gradForOperand(exponent, exponentGrad(g, base, exponent, out))
        : null,
    ]);
  }
  return out;
}

function baseGrad(g: Tensor, base: Tensor, exponent: TensorLike): Tensor {
  if (exponent === 0) return mul(g, 0);
  const d = mul(exponent, pow(base, sub(exponent, 1)));
  return mul(g, exponent instanceof Tensor ? where(eq(exponent, 0), 0, d) : d);
}

function exponentGrad(g: Tensor, base: TensorLike, exponent: Tensor, out: Tensor): Tensor {
  const d = mul(out, log(base instanceof Tensor ? base : mul(exponent, 0).add(base)));
  const zeroBase = logicalAnd(eq(base, 0), ge(exponent, 0));
  return mul(g, where(zeroBase, 0, d));
}
