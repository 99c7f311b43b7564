import { fusedRelaxedKernels, type GemmExports, relaxedHeap } from "./gemmModule.js";
import { A, B, CHUNK, O, outSlot, span } from "./simd.js";

/** The relaxed-SIMD module's SLEEF kernels (scripts/wasm/sleefWat.mjs). */
interface SleefExports extends GemmExports {
  /**
   * `o[i] = tanhf(a[i])` for `i < n`, n a multiple of 4 (tanhf.ts's bits where fused), with
   * `TANH_SCRATCH_BYTES` of scratch at `scratch`.
   */
  tanh_sleef_f32(a: number, o: number, n: number, scratch: number): void;
  /** `o[i] = sleefExpf(a[i])` likewise (the scratch unused). */
  exp_sleef_f32(a: number, o: number, n: number, scratch: number): void;
  /** `o[i] = sleefLogf(a[i])` likewise (the scratch unused). */
  log_sleef_f32(a: number, o: number, n: number, scratch: number): void;
  /** `o[i] = sigmoidVectorf(a[i])` likewise (the scratch unused). */
  sigmoid_sleef_f32(a: number, o: number, n: number, scratch: number): void;
}

/** The functions with a SLEEF kernel. */
export type SleefOp = "tanh" | "exp" | "log" | "sigmoid";

/** Each function's kernel export. */
const KERNEL = {
  tanh: "tanh_sleef_f32",
  exp: "exp_sleef_f32",
  log: "log_sleef_f32",
  sigmoid: "sigmoid_sleef_f32",
} as const satisfies Record<SleefOp, keyof SleefExports>;

/**
 * `out[oi + i] = op(a[ai + i])` for `i < n` by the relaxed-SIMD module's SLEEF kernel, chunk by
 * chunk through the module's first chunks. The kernel has its TypeScript twin's bits (tanhf.ts,
 * sleefExpf.ts, sleefLogf.ts: SLEEF's, so PyTorch's) where the machine fuses its multiply-adds.
 * Returns false, doing nothing, where it does not (no relaxed SIMD, relaxed SIMD forbidden, or a
 * multiply-add that rounds twice): the caller's loop runs the twin.
 */
export function simdSleefF32(
  op: SleefOp,
  a: Float32Array,
  ai: number,
  out: Float32Array,
  oi: number,
  n: number,
): boolean {
  const g = fusedRelaxedKernels();
  if (g === null) return false;
  const k = g.exports as SleefExports;
  const mem = relaxedHeap(k);
  const kernel = k[KERNEL[op]];
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    mem.set(span(a, ai + at, len), A / 4);
    // the b chunk, free here, is the scratch
    kernel(A, O, (len + 3) & ~3, B);
    out.set(outSlot(mem, len), oi + at);
  }
  return true;
}
