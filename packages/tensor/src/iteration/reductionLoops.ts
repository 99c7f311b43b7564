/**
 * The loops PyTorch 1.13's TensorIterator runs for a reduction, in element strides: its
 * dimension order (reduced dims innermost, then by strides, with its insertion sort's exact tie
 * rules) and its coalescing of adjacent dims. Kernels that must add in PyTorch's order (the
 * cascade sum) walk these loops instead of the tensor's own dims.
 */
export interface ReductionLoops {
  /** Loop sizes, innermost first; empty for a single element. */
  readonly sizes: number[];
  /** The input's stride (elements) in each loop. */
  readonly inStrides: number[];
  /** The output's stride (elements) in each loop: 0 in reduced loops. */
  readonly outStrides: number[];
}

/**
 * The loops over `shape` (an input with element `strides`) reducing the dims flagged in
 * `reduced` into a contiguous output of the kept dims. Dims of size 1 are dropped first, as
 * coalescing drops them in PyTorch (checked there over random layouts: they never change the
 * order of the others).
 * For example, summing a contiguous 2×3 tensor over dim 0 runs `{ sizes: [2, 3], inStrides:
 * [3, 1], outStrides: [0, 1] }`: the reduced dim innermost.
 */
export function reductionLoops(
  shape: readonly number[],
  strides: readonly number[],
  reduced: readonly boolean[],
): ReductionLoops {
  const dims: number[] = [];
  for (let d = 0; d < shape.length; d++) if (shape[d] !== 1) dims.push(d);
  const outStride = new Array<number>(shape.length).fill(0);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (reduced[d]) continue;
    outStride[d] = s;
    s *= shape[d]!;
  }
  // TensorIterator starts from the reversed dims and insertion-sorts them; an ambiguous
  // comparison neither swaps nor stops, so a later swap can skip over it.
  const perm = dims.slice().reverse();
  // PyTorch's should_swap over the output, then the input: 1 swaps, -1 keeps, 0 is ambiguous.
  const byStride = (s0: number, s1: number, d0: number, d1: number): number => {
    if (s0 === 0 || s1 === 0) return 0;
    if (s0 !== s1) return s0 < s1 ? -1 : 1;
    return shape[d0]! > shape[d1]! ? 1 : 0;
  };
  const compare = (d0: number, d1: number): number => {
    const o0 = outStride[d0]!;
    const o1 = outStride[d1]!;
    if ((o0 === 0) !== (o1 === 0)) return o1 === 0 ? 1 : -1;
    return byStride(o0, o1, d0, d1) || byStride(strides[d0]!, strides[d1]!, d0, d1);
  };
  for (let i = 1; i < perm.length; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = compare(perm[d0]!, perm[d1]!);
      if (c > 0) {
        const t = perm[d0]!;
        perm[d0] = perm[d1]!;
        perm[d1] = t;
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  const sizes: number[] = [];
  const inStrides: number[] = [];
  const outStrides: number[] = [];
  for (const d of perm) {
    const last = sizes.length - 1;
    if (
      last >= 0 &&
      sizes[last]! * inStrides[last]! === strides[d]! &&
      sizes[last]! * outStrides[last]! === outStride[d]!
    ) {
      sizes[last]! *= shape[d]!;
      continue;
    }
    sizes.push(shape[d]!);
    inStrides.push(strides[d]!);
    outStrides.push(outStride[d]!);
  }
  return { sizes, inStrides, outStrides };
}

/** Two loops of a reduction, innermost first (strides in elements; output 0 where reduced). */
export interface Loops2d {
  size0: number;
  size1: number;
  is0: number;
  is1: number;
  os0: number;
  os1: number;
}

/**
 * {@link reductionLoops} for a contiguous tensor, without sorting or allocating, written into
 * `into`: the same loops when the reduced dims (ignoring dims of size 1) are all of them, its
 * trailing ones or its leading ones. False otherwise (or when nothing of size above 1 is
 * reduced while something is kept).
 */
export function contiguousLoops2d(
  shape: readonly number[],
  reduced: readonly boolean[],
  into: Loops2d,
): boolean {
  let kept = 1;
  let summed = 1;
  // the dims of size above 1, as runs of kept and reduced dims
  let runs = 0;
  let first = false;
  let last: boolean | null = null;
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const r = reduced[d] === true;
    if (r) summed *= size;
    else kept *= size;
    if (last !== r) {
      if (runs === 0) first = r;
      runs++;
      last = r;
    }
  }
  if (runs === 0 || (runs === 1 && first)) {
    set(into, summed * kept, 1, 1, 0, 0, 0);
  } else if (runs === 2 && first) {
    // the reduced block outside (stride `kept`), summed innermost
    set(into, summed, kept, kept, 1, 0, 1);
  } else if (runs === 2) {
    set(into, summed, kept, 1, summed, 0, 1);
  } else {
    return false;
  }
  return true;
}

function set(l: Loops2d, s0: number, s1: number, i0: number, i1: number, o0: number, o1: number) {
  l.size0 = s0;
  l.size1 = s1;
  l.is0 = i0;
  l.is1 = i1;
  l.os0 = o0;
  l.os1 = o1;
}

/**
 * Calls `visit(inAt, outAt)` for every index of the loops from `first` on (loop `first` fastest),
 * with the input and output offsets of that index from `inAt` and `outAt`: the outer loops a
 * kernel runs around its inner ones.
 */
export function forEachOuter(
  loops: ReductionLoops,
  first: number,
  inAt: number,
  outAt: number,
  visit: (inAt: number, outAt: number) => void,
): void {
  const { sizes, inStrides, outStrides } = loops;
  const nd = sizes.length;
  const index = new Array<number>(nd).fill(0);
  let ib = inAt;
  let ob = outAt;
  for (;;) {
    visit(ib, ob);
    let d = first;
    for (; d < nd; d++) {
      index[d]!++;
      ib += inStrides[d]!;
      ob += outStrides[d]!;
      if (index[d]! < sizes[d]!) break;
      ib -= inStrides[d]! * sizes[d]!;
      ob -= outStrides[d]! * sizes[d]!;
      index[d] = 0;
    }
    if (d >= nd) return;
  }
}

/**
 * What reducing `shape` over the sorted `dims` gives: a flag per dim (reduced or not), the
 * result's shape (the reduced dims as 1s when `keepdim`; a 0-d input reduced over dim 0 or -1
 * stays 0-d) and its element count.
 */
export function reducedShape(
  shape: readonly number[],
  dims: readonly number[],
  keepdim: boolean,
): { reduced: boolean[]; outShape: number[]; numel: number } {
  const nd = shape.length;
  const reduced = new Array<boolean>(nd).fill(false);
  for (const d of dims) reduced[d] = true;
  const outShape = new Array<number>(keepdim ? nd : Math.max(0, nd - dims.length));
  let numel = 1;
  for (let d = 0, at = 0; d < nd; d++) {
    if (!reduced[d]) {
      outShape[at++] = shape[d]!;
      numel *= shape[d]!;
    } else if (keepdim) outShape[at++] = 1;
  }
  return { reduced, outShape, numel };
}
