/**
 * A loop over a strided index space cut into rows: the innermost (coalesced) dim is walked by a
 * kernel with a fixed step per operand, and the outer dims give each row's start offsets.
 */
export interface RowPlan {
  /** Elements per row. */
  readonly n: number;
  /** Number of rows. */
  readonly rows: number;
  /** Stride of each operand along a row. */
  readonly steps: readonly number[];
  /** Start offset of each row, per operand. */
  readonly starts: readonly Int32Array[];
}

/**
 * Plans the loop over `shape` for operands with the given strides (already broadcast to `shape`)
 * and offsets. Adjacent dims that are contiguous for every operand are merged, so a contiguous
 * or row-broadcast operand costs few rows.
 */
export function planRows(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
): RowPlan {
  const nOps = strides.length;
  const dims: number[] = [];
  const opStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = dims.length - 1;
    let merge = last >= 0;
    for (let o = 0; o < nOps && merge; o++) {
      const s = opStrides[o]!;
      if (s[last] !== strides[o]![d]! * size) merge = false;
    }
    if (merge) {
      dims[last] = dims[last]! * size;
      for (let o = 0; o < nOps; o++) opStrides[o]![last] = strides[o]![d]!;
    } else {
      dims.push(size);
      for (let o = 0; o < nOps; o++) opStrides[o]!.push(strides[o]![d]!);
    }
  }
  const inner = dims.length - 1;
  const n = inner >= 0 ? dims[inner]! : 1;
  let rows = 1;
  for (let d = 0; d < inner; d++) rows *= dims[d]!;
  if (shape.some((s) => s === 0)) rows = 0;
  const steps = opStrides.map((s) => (inner >= 0 ? s[inner]! : 0));
  const starts = offsets.map(() => new Int32Array(rows));
  const counter = new Array<number>(Math.max(inner, 0)).fill(0);
  const current = offsets.slice();
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < nOps; o++) starts[o]![r] = current[o]!;
    for (let d = inner - 1; d >= 0; d--) {
      counter[d]!++;
      for (let o = 0; o < nOps; o++) current[o]! += opStrides[o]![d]!;
      if (counter[d]! < dims[d]!) break;
      for (let o = 0; o < nOps; o++) current[o]! -= opStrides[o]![d]! * dims[d]!;
      counter[d] = 0;
    }
  }
  return { n: rows === 0 ? 0 : n, rows, steps, starts };
}
