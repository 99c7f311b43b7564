import { setSimdEnabled } from "../kernels/wasm/simd.js";
import type { Tensor } from "../tensor.js";

/** `fn`'s result with the WebAssembly SIMD kernels and without, as float32 arrays (tests). */
export function bothPaths(fn: () => Tensor): [Float32Array, Float32Array] {
  setSimdEnabled(true);
  const simd = fn().toTypedArray() as Float32Array;
  setSimdEnabled(false);
  const ts = fn().toTypedArray() as Float32Array;
  setSimdEnabled(true);
  return [simd, ts];
}

/** The elements where `a` and `b` differ as values (-0 and +0 apart, NaN equal to NaN). */
export function differingBits(a: Float32Array, b: Float32Array): number {
  let diffs = a.length === b.length ? 0 : 1;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) diffs++;
  return diffs;
}
