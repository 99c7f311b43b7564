import { normalizeDim, normalizeDims } from "../shape/dims.js";
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

/**
 * Normalizes `dim` (one, several, or all when null/undefined) to sorted non-negative dims.
 * Refuses out-of-range and repeated dims as PyTorch does. Written without callbacks: it runs
 * for every reduction, on lists of one to a few dims.
 */
export function reducedDims(x: Tensor, dim: Dims): number[] {
  const ndim = x.shape.length;
  if (dim === null || dim === undefined) {
    const all = new Array<number>(ndim);
    for (let i = 0; i < ndim; i++) all[i] = i;
    return all;
  }
  if (typeof dim === "number") return [normalizeDim(dim, ndim)];
  const out = normalizeDims(dim, ndim);
  // Insertion sort: the lists are short, and no comparator is called.
  for (let i = 1; i < out.length; i++) {
    const v = out[i]!;
    let j = i - 1;
    while (j >= 0 && out[j]! > v) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = v;
  }
  return out;
}

/**
 * How many elements of `x` each output of a reduction over the normalized `dims` takes: the
 * product of their sizes, 1 for a 0-d tensor (whose `dims` are `[0]`, as PyTorch lets dim 0 or
 * -1 name it).
 */
export function reducedCount(x: Tensor, dims: readonly number[]): number {
  let count = 1;
  for (let i = 0; i < dims.length; i++) count *= x.shape[dims[i]!] ?? 1;
  return count;
}

/**
 * Plans a reduction of `x` over `dim` (all dims when null/undefined), or over `dims` when the
 * caller has already normalized them with {@link reducedDims}. No autograd.
 */
export function planReduction(
  x: Tensor,
  dim: Dims,
  keepdim: boolean,
  dims: readonly number[] = reducedDims(x, dim),
): ReductionPlan {
  const shape = x.shape;
  const ndim = shape.length;
  // Exact lengths up front: arrays grown by push start with room for 17 elements.
  // (A 0-d tensor reduced over dim 0 or -1 keeps its empty shape.)
  const outShape = new Array<number>(keepdim ? ndim : Math.max(0, ndim - dims.length));
  // `order`: the kept dims in order, then the reduced ones (sorted), so each output's elements
  // come last; `inOrder` when that is the identity.
  const order = new Array<number>(ndim);
  let n = 1;
  let rows = 1;
  let next = 0;
  let kept = 0;
  let at = 0;
  for (let d = 0; d < ndim; d++) {
    if (next < dims.length && dims[next] === d) {
      next++;
      n *= shape[d]!;
      if (keepdim) outShape[at++] = 1;
    } else {
      order[kept++] = d;
      rows *= shape[d]!;
      outShape[at++] = shape[d]!;
    }
  }
  for (let i = 0; i < dims.length && kept < ndim; i++) order[kept++] = dims[i]!;
  let inOrder = true;
  for (let i = 0; i < ndim; i++) if (order[i] !== i) inOrder = false;
  let view = x;
  if (!inOrder) {
    const viewShape = new Array<number>(ndim);
    const viewStrides = new Array<number>(ndim);
    for (let i = 0; i < ndim; i++) {
      viewShape[i] = shape[order[i]!]!;
      viewStrides[i] = x.strides[order[i]!]!;
    }
    view = new Tensor(x.storage, viewShape, viewStrides, x.storageOffset, x.dtype);
  }
  const input = view.contiguousLayout ? view : castTo(view, x.dtype);
  return { input, rows, n, outShape, dims };
}
