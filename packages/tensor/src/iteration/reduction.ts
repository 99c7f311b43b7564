import { normalizeDims, shapeSize } from "../shape/dims.js";
import { type Dims, Tensor } from "../tensor.js";
import { castTo } from "./cast.js";

/** How a reduction walks its input: `rows` contiguous runs of `n` elements, one result each. */
export interface ReductionPlan {
  /** The input rearranged so each output's elements are one contiguous run. */
  readonly input: Tensor;
  /** Number of outputs. */
  readonly rows: number;
  /** Elements reduced into each output. */
  readonly n: number;
  /** Shape of the result. */
  readonly outShape: readonly number[];
  /** The reduced dims, normalized and sorted. */
  readonly dims: readonly number[];
}

/** Normalizes `dim` (one, several, or all when null/undefined) to sorted non-negative dims. */
export function reducedDims(x: Tensor, dim: Dims): number[] {
  if (dim === null || dim === undefined) return x.shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : dim;
  return normalizeDims(list, x.shape.length).sort((p, q) => p - q);
}

/** Plans a reduction of `x` over `dim` (all dims when null/undefined). No autograd. */
export function planReduction(x: Tensor, dim: Dims, keepdim: boolean): ReductionPlan {
  const dims = reducedDims(x, dim);
  const kept: number[] = [];
  const outShape: number[] = [];
  let n = 1;
  for (let d = 0; d < x.shape.length; d++) {
    if (dims.includes(d)) {
      n *= x.shape[d]!;
      if (keepdim) outShape.push(1);
    } else {
      kept.push(d);
      outShape.push(x.shape[d]!);
    }
  }
  const rows = shapeSize(kept.map((d) => x.shape[d]!));
  const order = [...kept, ...dims];
  const inOrder = order.every((d, i) => d === i);
  const view = inOrder
    ? x
    : new Tensor(
        x.storage,
        order.map((d) => x.shape[d]!),
        order.map((d) => x.strides[d]!),
        x.storageOffset,
        x.dtype,
      );
  const input = view.contiguousLayout ? view : castTo(view, x.dtype);
  return { input, rows, n, outShape, dims };
}
