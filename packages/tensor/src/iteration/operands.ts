import { type DType, isFloatingPoint, promoteTypes } from "../dtype.js";
import { allocate } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { castTo } from "./cast.js";

/** A JS value accepted where a tensor goes: broadcast as a 0-d tensor. */
export type Scalar = number | bigint | boolean;

const EMPTY: readonly number[] = [];

/** The dtype a JS scalar counts as: boolean → bool, bigint or integral number → int64, else float32. */
export function scalarDtype(value: Scalar): DType {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint" || Number.isInteger(value)) return "int64";
  return "float32";
}

function combineCategories(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (isFloatingPoint(higher)) return higher;
  if (higher === "bool" || isFloatingPoint(lower)) return promoteTypes(higher, lower);
  return higher;
}

/**
 * The dtype an op on these operands computes in (`torch.result_type`): tensors with dims decide,
 * then 0-d tensors, then JS scalars, each only when it brings a higher category
 * (bool < integer < floating).
 *
 * @example
 * ```ts
 * resultType(tensor([1n, 2n]), 2.5); // "float32"
 * resultType(tensor([1, 2]), tensor(1, { dtype: "float64" })); // "float32"
 * ```
 */
export function resultType(...operands: readonly TensorLike[]): DType {
  let dimmed: DType | null = null;
  let zeroDim: DType | null = null;
  let wrapped: DType | null = null;
  for (const x of operands) {
    if (x instanceof Tensor) {
      if (x.shape.length > 0) dimmed = dimmed === null ? x.dtype : promoteTypes(dimmed, x.dtype);
      else zeroDim = zeroDim === null ? x.dtype : promoteTypes(zeroDim, x.dtype);
    } else {
      const d = scalarDtype(x);
      wrapped = wrapped === null ? d : promoteTypes(wrapped, d);
    }
  }
  return combineCategories(dimmed, combineCategories(zeroDim, wrapped)) ?? "float32";
}

/** `x` as a tensor of `dtype`: scalars become 0-d tensors, tensors are cast (without autograd). */
export function asTensor(x: TensorLike, dtype: DType): Tensor {
  if (x instanceof Tensor) return x.dtype === dtype ? x : castTo(x, dtype);
  const storage = allocate(dtype, 1);
  writeScalar(storage, x, dtype);
  return new Tensor(storage, EMPTY, EMPTY, 0, dtype);
}

/** Stores the JS scalar `x` as element 0 of a one-element `storage` of `dtype`. */
function writeScalar(storage: Tensor["storage"], x: Scalar, dtype: DType): void {
  if (dtype === "int64") {
    (storage as BigInt64Array)[0] = typeof x === "bigint" ? x : BigInt(Math.trunc(Number(x)));
  } else {
    (storage as Float64Array)[0] = Number(x);
  }
}

/** Two reusable 0-d tensors per dtype, one per operand position (see {@link scalarOperand}). */
const slots: Record<DType, [Tensor | null, Tensor | null]> = {
  float32: [null, null],
  float64: [null, null],
  int64: [null, null],
  bool: [null, null],
};

function ownStorage(dtype: DType): Tensor["storage"] {
  switch (dtype) {
    case "float32":
      return new Float32Array(1);
    case "float64":
      return new Float64Array(1);
    case "int64":
      return new BigInt64Array(1);
    case "bool":
      return new Uint8Array(1);
  }
}

/**
 * `x` as {@link asTensor} makes it, but a JS scalar is written into a 0-d tensor kept for operand
 * position `slot` instead of a new one: for kernels that read their operands once and keep
 * nothing of them (the binary ops' forward), so a scalar operand (`mul(g, 0.01)`) allocates
 * nothing. The tensor returned for a scalar is overwritten by the next call with the same slot
 * and dtype, so it must not outlive the op.
 */
export function scalarOperand(x: TensorLike, dtype: DType, slot: 0 | 1): Tensor {
  if (x instanceof Tensor) return x.dtype === dtype ? x : castTo(x, dtype);
  const pair = slots[dtype];
  let t = pair[slot];
  if (t === null) {
    t = new Tensor(ownStorage(dtype), EMPTY, EMPTY, 0, dtype);
    pair[slot] = t;
  }
  writeScalar(t.storage, x, dtype);
  return t;
}

/** {@link resultType} of two operands, with a fast path for two tensors of one dtype. */
export function resultType2(a: TensorLike, b: TensorLike): DType {
  if (a instanceof Tensor && b instanceof Tensor && a.dtype === b.dtype) return a.dtype;
  return resultType(a, b);
}
