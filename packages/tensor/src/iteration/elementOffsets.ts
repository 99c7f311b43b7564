import { shapeSize } from "../shape/dims.js";

/**
 * The storage offset of every element of a `shape`-shaped walk, in row-major order, for a tensor
 * with `strides` and `offset` (a zero stride pins a dim). Used by gather/scatter-style ops.
 */
export function elementOffsets(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Int32Array {
  const n = shapeSize(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  const counter = new Array<number>(nd).fill(0);
  let at = offset;
  for (let e = 0; e < n; e++) {
    out[e] = at;
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]!++;
      at += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      at -= strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  return out;
}
