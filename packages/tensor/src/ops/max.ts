import { needsGrad, record } from "../autograd/record.js";
import { keptShape } from "../autograd/reductionGrad.js";
import { zerosLike } from "../creation/zerosLike.js";
import { argReduceForward } from "../iteration/argReduction.js";
import { castTo } from "../iteration/cast.js";
import { maxRowsKernels, minRowsKernels } from "../kernels/generated/tables.js";
import { SIMD_MIN_ELEMENTS, simdExtremumF32 } from "../kernels/wasm/simd.js";
import { normalizeDim } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { div } from "./div.js";
import { eq } from "./eq.js";
import { mul } from "./mul.js";
import { ne } from "./ne.js";
import { reshape } from "./reshape.js";
import { scatter } from "./scatter.js";
import { sum } from "./sum.js";

/**
 * Values and indices of a reduction along a dim. Destructure it as a pair
 * (`const [values, indices] = x.max(1)`) or read its fields, as PyTorch's named tuple.
 */
export type ValuesIndices = readonly [values: Tensor, indices: Tensor] & {
  /** The selected elements. */
  readonly values: Tensor;
  /** Their int64 positions along the reduced dim. */
  readonly indices: Tensor;
};

/** Pairs values and indices as {@link ValuesIndices}. */
export function valuesIndices(values: Tensor, indices: Tensor): ValuesIndices {
  return Object.assign([values, indices] as const, { values, indices });
}

/**
 * The largest element (`torch.max(x)`), or with `dim` the largest elements along it and their
 * first indices (`torch.max(x, dim, keepdim)`). NaN counts as largest. Without `dim`, ties share
 * the gradient evenly (a NaN result sends it to the NaN elements); with `dim`, the gradient goes to
 * the returned index, as in PyTorch. Bool gives bool.
 *
 * @example
 * ```ts
 * max(tensor([[1, 5], [7, 2]])).item(); // 7
 * const [values, indices] = max(tensor([[1, 5], [7, 2]]), 1);
 * values.toArray(); // [5, 7]
 * indices.toArray(); // [1, 0]
 * ```
 */
export function max(x: Tensor): Tensor;
/**
 * The largest elements along `dim` and their indices (`torch.max(x, dim, keepdim)`).
 *
 * @param dim The dim to reduce.
 * @param keepdim Keep it as size 1. Default false.
 */
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return selectReduce("max", "MaxBackward", x, dim, keepdim);
}

/** Shared by {@link max} and `min`: `op` names the kernel family and the backward node. */
export function selectReduce(
  op: "max" | "min",
  backwardName: string,
  x: Tensor,
  dim: number | undefined,
  keepdim: boolean,
): Tensor | ValuesIndices {
  if (x.dtype === "bool") return boolSelectReduce(op, x, dim, keepdim);
  const kernels = op === "max" ? maxRowsKernels : minRowsKernels;
  if (dim === undefined) {
    const values = simdExtremum(op, x) ?? argReduceForward(op, x, null, false, kernels).values;
    if (needsGrad(x)) {
      record(values, `${backwardName}1`, [x], [x, values], (g) => {
        // PyTorch's evenly_distribute_backward: a NaN result came from the NaN elements.
        const mask = Number.isNaN(values.item()) ? ne(x, x) : eq(x, values);
        return [mul(div(g, sum(mask)), mask)];
      });
    }
    return values;
  }
  const d = normalizeDim(dim, x.shape.length);
  const { values, indices } = argReduceForward(op, x, d, keepdim, kernels);
  if (needsGrad(x)) {
    record(values, `${backwardName}0`, [x], [indices], (g) => {
      const shape = keptShape(x.shape, [d]);
      const index = reshape(indices, shape);
      return [scatter(zerosLike(x, { dtype: g.dtype }), d, index, reshape(g, shape))];
    });
  }
  return valuesIndices(values, indices);
}

/** {@link selectReduce} of a bool tensor: that of its 0/1 values as int64, cast back to bool. */
function boolSelectReduce(
  op: "max" | "min",
  x: Tensor,
  dim: number | undefined,
  keepdim: boolean,
): Tensor | ValuesIndices {
  const wide = castTo(x, "int64");
  if (dim === undefined) {
    const values = selectReduce(op, "", wide, undefined, false) as Tensor;
    return castTo(values, "bool");
  }
  const { values, indices } = selectReduce(op, "", wide, dim, keepdim) as ValuesIndices;
  return valuesIndices(castTo(values, "bool"), indices);
}

/**
 * The largest or smallest element of a large contiguous float32 tensor as a 0-d tensor, by the
 * SIMD kernel; null (the loop decides) for other tensors, without SIMD, or for NaN and zero
 * results (see `simdExtremumF32`). The same value as the loop's either way.
 */
function simdExtremum(op: "max" | "min", x: Tensor): Tensor | null {
  const n = x.numel();
  if (x.dtype !== "float32" || !x.contiguousLayout || n < SIMD_MIN_ELEMENTS) return null;
  const v = simdExtremumF32(op, x.storage as Float32Array, x.storageOffset, n);
  if (v === null) return null;
  const storage = allocate("float32", 1);
  storage[0] = v;
  return new Tensor(storage, [], [], 0, "float32");
}
