import { formatShape, ShapeError } from "../errors.js";

/**
 * The shape two shapes broadcast to, by PyTorch's rule: align trailing dims; each pair must be
 * equal or contain a 1. `op` names the operation in the error message.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    // Missing leading dims are 1 (an index below 0 would be a slow property lookup, not undefined).
    const ia = a.length - n + i;
    const ib = b.length - n + i;
    const x = ia >= 0 ? a[ia]! : 1;
    const y = ib >= 0 ? b[ib]! : 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together ` +
          `(the size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i})`,
      );
    }
    out[i] = x === 1 ? y : x;
  }
  return out;
}

/**
 * Strides that read a tensor of `shape`/`strides` as if expanded to `target`: broadcast dims get
 * stride 0. The caller has checked that `shape` broadcasts to `target`.
 */
export function broadcastStrides(
  shape: readonly number[],
  strides: readonly number[],
  target: readonly number[],
): number[] {
  const n = target.length;
  const lead = n - shape.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    out[i] = i < lead || shape[i - lead] === 1 ? 0 : strides[i - lead]!;
  }
  return out;
}
