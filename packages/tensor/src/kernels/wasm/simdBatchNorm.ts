import {
  A,
  B,
  CHUNK,
  type F32Param,
  heap,
  kernels,
  O,
  outSlot,
  SCRATCH,
  SCRATCH_FLOATS,
  scratch,
  span,
} from "./simd.js";

/**
 * BatchNorm's training backward (batchNormTrain.ts's `backward` for float32, the same bits) for
 * a contiguous n×c batch `x` and gradient `g`, c a multiple of four, from the forward's `means`
 * and `invstds`: fills `gw` and `gb` (c each) and, when `gx` is given, the input's gradient. `w` is
 * the contiguous weight or null. False, writing nothing, when the kernels are unavailable or the
 * batch does not fit a chunk.
 */
export function simdBatchNormBackwardF32(
  x: Float32Array,
  xo: number,
  g: Float32Array,
  go: number,
  n: number,
  c: number,
  means: Float64Array,
  invstds: Float64Array,
  w: F32Param | null,
  gx: Float32Array | null,
  gw: Float32Array,
  gb: Float32Array,
): boolean {
  const k = kernels();
  if (k === null || c % 4 !== 0 || n < 1 || n * c > CHUNK || 5 * c > SCRATCH_FLOATS) return false;
  const mem = heap(k);
  const small = scratch(k);
  mem.set(span(x, xo, n * c), A / 4);
  mem.set(span(g, go, n * c), B / 4);
  for (let j = 0; j < c; j++) {
    small[j] = means[j]!;
    small[c + j] = invstds[j]!;
  }
  // In the scratch area: means, invstds, the weight, then the weight's and the bias's gradients.
  if (w !== null) small.set(span(w.data, w.offset, c), 2 * c);
  const at = (floats: number) => SCRATCH + 4 * floats;
  k.bn_backward_f32(
    A,
    B,
    n,
    c,
    SCRATCH,
    w === null ? 0 : at(2 * c),
    gx === null ? 0 : O,
    at(3 * c),
  );
  gw.set(small.subarray(3 * c, 4 * c));
  gb.set(small.subarray(4 * c, 5 * c));
  if (gx !== null) gx.set(outSlot(mem, n * c));
  return true;
}
