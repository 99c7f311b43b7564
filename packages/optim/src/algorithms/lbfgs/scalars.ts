import type { Round } from "../../kernels/flat.js";

/**
 * The value of a 0-dim tensor in LBFGS's scalar arithmetic. PyTorch's LBFGS mixes Python floats
 * (losses, `lr`, the line search's constants) with 0-dim tensors (dot products, `H_diag`, step
 * lengths derived from them), and the two round differently: an op with a 0-dim tensor operand
 * rounds its Python-float operand and its result to the tensor's dtype. Keeping the kind beside
 * the value gives PyTorch's bits for float32 parameters.
 */
export class Dim0 {
  /** @param value The tensor's value, already rounded to its dtype. */
  constructor(readonly value: number) {}
}

/** A Python float (or int) or a 0-dim tensor. */
export type Num = number | Dim0;

/** The numeric value of a {@link Num}. */
export function numberOf(x: Num): number {
  return typeof x === "number" ? x : x.value;
}

/** Python's arithmetic and comparisons over {@link Num}s, for tensors rounded by `r`. */
export interface ScalarMath {
  /** `a + b`. */
  add(a: Num, b: Num): Num;
  /** `a - b` (a Python float minus a tensor is `torch.rsub`: the float rounded first). */
  sub(a: Num, b: Num): Num;
  /** `a * b`. */
  mul(a: Num, b: Num): Num;
  /** `a / b`; a Python float over a tensor is `b.reciprocal() * a`, as `Tensor.__rtruediv__`. */
  div(a: Num, b: Num): Num;
  /** `a ** 2`. */
  square(a: Num): Num;
  /** `a.sqrt()` of a tensor. */
  sqrt(a: Num): Num;
  /** `abs(a)`. */
  abs(a: Num): Num;
  /** `-a`. */
  neg(a: Num): Num;
  /** `a < b`; with a tensor operand the float is rounded to its dtype first. */
  lt(a: Num, b: Num): boolean;
  /** `a <= b`. */
  le(a: Num, b: Num): boolean;
  /** Python's `min(a, b)`: `b` only when `b < a`. */
  min(a: Num, b: Num): Num;
  /** Python's `max(a, b)`: `b` only when `b > a`. */
  max(a: Num, b: Num): Num;
  /** A 0-dim tensor holding `value` rounded. */
  tensor(value: number): Dim0;
}

/** The {@link ScalarMath} of 0-dim tensors whose dtype rounds by `r`. */
export function scalarMath(r: Round): ScalarMath {
  const binary =
    (op: (x: number, y: number) => number) =>
    (a: Num, b: Num): Num =>
      typeof a === "number" && typeof b === "number"
        ? op(a, b)
        : new Dim0(r(op(r(numberOf(a)), r(numberOf(b)))));
  const unary =
    (op: (x: number) => number) =>
    (a: Num): Num =>
      typeof a === "number" ? op(a) : new Dim0(r(op(a.value)));
  const compare =
    (op: (x: number, y: number) => boolean) =>
    (a: Num, b: Num): boolean =>
      typeof a === "number" && typeof b === "number"
        ? op(a, b)
        : op(r(numberOf(a)), r(numberOf(b)));
  const lt = compare((x, y) => x < y);
  const divide = binary((x, y) => x / y);
  return {
    add: binary((x, y) => x + y),
    sub: binary((x, y) => x - y),
    mul: binary((x, y) => x * y),
    div: (a, b) =>
      typeof a === "number" && b instanceof Dim0
        ? new Dim0(r(r(1 / b.value) * r(a)))
        : divide(a, b),
    square: unary((x) => x * x),
    sqrt: unary(Math.sqrt),
    abs: unary(Math.abs),
    neg: unary((x) => -x),
    lt,
    le: compare((x, y) => x <= y),
    min: (a, b) => (lt(b, a) ? b : a),
    max: (a, b) => (lt(a, b) ? b : a),
    tensor: (value) => new Dim0(r(value)),
  };
}
