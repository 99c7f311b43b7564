import { GEMM_RELAXED_WASM_BASE64 } from "./gemmRelaxedBinary.js";
import { loadWasm } from "./loadWasm.js";
import { type Exports, kernels, kernelsModule } from "./simd.js";

/** What the float32 matmul path uses of a kernels module: its memory and `gemm_f32`. */
export type GemmExports = Pick<Exports, "memory" | "gemm_f32">;

/** The module the float32 matmul path runs on, and whether its multiply-adds are fused. */
export interface GemmKernels {
  /** The instance's memory and kernel (the caller's thread). */
  readonly exports: GemmExports;
  /** The compiled `WebAssembly.Module`, which workers instantiate for their own memory. */
  readonly module: object;
  /**
   * True for the relaxed-SIMD module (`f32x4.relaxed_madd`: one rounding per multiply-add where
   * the machine fuses, as x64 with FMA3 and arm64 do), false for the SIMD kernels module.
   */
  readonly relaxed: boolean;
}

let relaxedEnabled = true;
let relaxed: GemmKernels | null | undefined;
let plain: GemmKernels | null = null;

function loadRelaxed(): GemmKernels | null {
  // Runtimes without relaxed SIMD (Node 20 unless run with --experimental-wasm-relaxed-simd)
  // reject the module: the SIMD kernels module's multiply-then-add takes over.
  const result = loadWasm(GEMM_RELAXED_WASM_BASE64);
  if (result === null) return null;
  return { exports: result.exports as GemmExports, module: result.module, relaxed: true };
}

/**
 * The float32 matmul kernels: the relaxed-SIMD module where the runtime accepts it (Node 22 and
 * later, current browsers) and it is enabled, else the SIMD kernels module; null when the SIMD
 * kernels are unavailable or disabled (the TypeScript loops run instead). The caller's thread and
 * the workers always run the same module, so splitting a product between threads changes no bit.
 */
export function gemmKernels(): GemmKernels | null {
  const base = kernels();
  if (base === null) return null;
  if (relaxedEnabled) {
    if (relaxed === undefined) relaxed = loadRelaxed();
    if (relaxed !== null) return relaxed;
  }
  if (plain === null) plain = { exports: base, module: kernelsModule()!, relaxed: false };
  return plain;
}

/** True when float32 matmuls run on the relaxed-SIMD (fused multiply-add) kernel here. */
export function relaxedSimdActive(): boolean {
  return gemmKernels()?.relaxed === true;
}

/**
 * Allows or forbids the relaxed-SIMD matmul kernel (allowed by default where the runtime has
 * relaxed SIMD); returns the previous setting. Fused multiply-adds round once where the plain
 * kernel rounds twice, so products differ by float32 rounding between machines that fuse and
 * machines that do not; `setRelaxedSimdEnabled(false)` gives every machine the plain kernel's
 * bits, at its speed.
 *
 * @example
 * ```ts
 * setRelaxedSimdEnabled(false); // the same matmul bits on every machine
 * ```
 */
export function setRelaxedSimdEnabled(flag: boolean): boolean {
  const previous = relaxedEnabled;
  relaxedEnabled = flag;
  return previous;
}
