import type { DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { gemm } from "../kernels/gemm.js";
import { gemmInt64 } from "../kernels/gemmInt64.js";
import { SMALL_GEMM_FLOPS, smallGemm } from "../kernels/smallGemm.js";
import { trySimdGemmF32 } from "../kernels/wasm/gemmF32.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";

/**
 * `out[b] = a[b] · b[b]` for `batch` matrices: `a` is `batch×M×K`, `b` is `batch×K×N` (3-d,
 * any strides, batch stride 0 allowed), both of `dtype`; returns a new `batch×M×N` tensor, or
 * `M×N` when `squeezeBatch`. No autograd.
 */
export function matmulForward(a: Tensor, b: Tensor, dtype: DType, squeezeBatch: boolean): Tensor {
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  const shape = squeezeBatch ? [m, n] : [batch, m, n];
  const out = allocate(dtype, batch * m * n);
  const [abs, ars, acs] = a.strides as [number, number, number];
  const [bbs, brs, bcs] = b.strides as [number, number, number];
  if (dtype === "int64") {
    for (let i = 0; i < batch; i++) {
      gemmInt64(
        m,
        n,
        k,
        a.storage as BigInt64Array,
        a.storageOffset + i * abs,
        ars,
        acs,
        b.storage as BigInt64Array,
        b.storageOffset + i * bbs,
        brs,
        bcs,
        out as BigInt64Array,
        i * m * n,
      );
    }
  } else if (
    dtype === "float32" &&
    m * n * k > SMALL_GEMM_FLOPS &&
    simdProducts(a, b, batch, m, n, k, out as Float32Array)
  ) {
    // Done by the WebAssembly SIMD kernel, summed in float32 (it takes nothing below
    // SIMD_GEMM_MIN_FLOPS, above SMALL_GEMM_FLOPS, so small products skip asking it).
  } else if ((dtype === "float32" || dtype === "float64") && m * n * k <= SMALL_GEMM_FLOPS) {
    // Small products: the reference BLAS's sums, in the result's type, straight into it.
    const ad = a.storage as Float32Array | Float64Array;
    const bd = b.storage as Float32Array | Float64Array;
    const fo = out as Float32Array | Float64Array;
    for (let i = 0; i < batch; i++) {
      const av = { data: ad, offset: a.storageOffset + i * abs, rowStride: ars, colStride: acs };
      const bv = { data: bd, offset: b.storageOffset + i * bbs, rowStride: brs, colStride: bcs };
      smallGemm(m, n, k, av, bv, i === 0 ? fo : fo.subarray(i * m * n));
    }
  } else if (dtype === "float32" || dtype === "float64") {
    const acc = dtype === "float64" ? (out as Float64Array) : new Float64Array(batch * m * n);
    const ad = a.storage as Float32Array | Float64Array;
    const bd = b.storage as Float32Array | Float64Array;
    for (let i = 0; i < batch; i++) {
      gemm(
        m,
        n,
        k,
        { data: ad, offset: a.storageOffset + i * abs, rowStride: ars, colStride: acs },
        { data: bd, offset: b.storageOffset + i * bbs, rowStride: brs, colStride: bcs },
        acc,
        i * m * n,
        n,
      );
    }
    if (acc !== out) (out as Float32Array).set(acc);
  } else {
    throw new DTypeError(`matmul: not implemented for dtype ${dtype}`);
  }
  return new Tensor(out, shape, contiguousStrides(shape), 0, dtype);
}

/** Every batch's product by the SIMD kernel; false (nothing written) when it does not apply. */
function simdProducts(
  a: Tensor,
  b: Tensor,
  batch: number,
  m: number,
  n: number,
  k: number,
  out: Float32Array,
): boolean {
  const [abs, ars, acs] = a.strides as [number, number, number];
  const [bbs, brs, bcs] = b.strides as [number, number, number];
  const ad = a.storage as Float32Array;
  const bd = b.storage as Float32Array;
  for (let i = 0; i < batch; i++) {
    const av = { data: ad, offset: a.storageOffset + i * abs, rowStride: ars, colStride: acs };
    const bv = { data: bd, offset: b.storageOffset + i * bbs, rowStride: brs, colStride: bcs };
    if (!trySimdGemmF32(m, n, k, av, bv, out, i * m * n)) return false;
  }
  return batch > 0;
}
