import type { DType } from "../dtype.js";

/**
 * Lanes per vector in PyTorch's CPU kernels as Debian's PyTorch 1.13 runs them (AVX2: 8 float32
 * or 4 float64 or int64 per 256-bit register). Range factories round differently in vector and scalar
 * code, so matching PyTorch bit for bit means replaying its split between the two.
 */
export function vectorLanes(dtype: DType): number {
  return dtype === "float64" || dtype === "int64" ? 4 : 8;
}

/**
 * Fills `out[0..n)` the way PyTorch's `cpu_serial_kernel_vec` walks a contiguous output: pairs of
 * vectors while at least two fit (each vector computes `lane(vectorStart(i), k)` for its lanes),
 * then scalar code `scalar(i)` for the rest.
 */
export function vectorizedFill(
  out: Float32Array | Float64Array,
  n: number,
  lanes: number,
  vectorStart: (index: number) => number,
  lane: (start: number, k: number) => number,
  scalar: (index: number) => number,
): void {
  let i = 0;
  for (; i + 2 * lanes <= n; i += lanes) {
    const start = vectorStart(i);
    for (let k = 0; k < lanes; k++) out[i + k] = lane(start, k);
    i += lanes;
    const second = vectorStart(i);
    for (let k = 0; k < lanes; k++) out[i + k] = lane(second, k);
  }
  for (; i < n; i++) out[i] = scalar(i);
}
