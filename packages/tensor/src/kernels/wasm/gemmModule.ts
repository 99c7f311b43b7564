import { GEMM_RELAXED_WASM_BASE64 } from "./gemmRelaxedBinary.js";
import { GEMM_SHARED_RELAXED_WASM_BASE64, GEMM_SHARED_WASM_BASE64 } from "./gemmSharedBinary.js";
import { compileWasm, loadWasm } from "./loadWasm.js";
import { CHUNK, type Exports, kernels, kernelsModule, O, SCRATCH, SCRATCH_FLOATS } from "./simd.js";

/** What the float32 matmul path uses of a kernels module: its memory, `gemm_f32` and packers. */
export type GemmExports = Pick<
  Exports,
  "memory" | "gemm_f32" | "pack_interleave4_f32" | "pack_segments4_f32" | "pack_segments8_f32"
>;

/**
 * What the threaded kernels use of the shared-memory module (gemmShared.wat): the matmul's
 * exports, and in its relaxed-SIMD variant `tanh_sleef_f32` (SLEEF's tanh on fused multiply-adds,
 * scripts/wasm/sleefWat.mjs): `o[i] = tanhf(a[i])` for `i < n`, n a multiple of 4, `o` may be `a`,
 * with `TANH_SCRATCH_BYTES` of scratch at `scratch`.
 */
export type ThreadedExports = GemmExports & {
  tanh_sleef_f32?(a: number, o: number, n: number, scratch: number): void;
};

/** The module the float32 matmul path runs on, and whether its multiply-adds are fused. */
export interface GemmKernels {
  /** The instance's memory and kernel (the caller's thread). */
  readonly exports: GemmExports;
  /** The compiled `WebAssembly.Module` of {@link exports}. */
  readonly module: object;
  /**
   * The same kernel and packers (and, relaxed, `tanh_sleef_f32`), compiled over an imported shared memory
   * (gemmShared.wat), which the calling thread and the pool's workers instantiate together (for
   * threaded products and tanh); null where it does not compile.
   */
  readonly threaded: object | null;
  /**
   * True for the relaxed-SIMD module (`f32x4.relaxed_madd`: one rounding per multiply-add where
   * the machine fuses, as x64 with FMA3 and arm64 do), false for the SIMD kernels module.
   */
  readonly relaxed: boolean;
}

interface NodeHost {
  process?: {
    env?: Record<string, string | undefined>;
    versions?: { node?: string; v8?: string };
    getBuiltinModule?: (id: string) => unknown;
  };
}

const host = globalThis as unknown as NodeHost;

/** `KINDLING_RELAXED_SIMD=0` in the environment starts with the relaxed kernel forbidden. */
let relaxedEnabled = host.process?.env?.KINDLING_RELAXED_SIMD !== "0";
let relaxed: GemmKernels | null | undefined;
let plain: GemmKernels | null = null;

/**
 * Node 20 (V8 11.3) has relaxed SIMD complete but off by default: V8 11.4 turned it on, as do
 * Node 22 and later. Where a module using it fails validation in Node on V8 11.3, this turns on
 * V8's `--experimental-wasm-relaxed-simd` for the process (`v8.setFlagsFromString`, read when a
 * module is compiled) and says whether it did. Earlier V8 versions are left alone: their
 * experimental relaxed SIMD predates the final opcodes.
 */
function enableRelaxedSimdInNode20(): boolean {
  const versions = host.process?.versions;
  if (typeof versions?.node !== "string" || typeof versions.v8 !== "string") return false;
  const [major, minor] = versions.v8.split(".").map(Number);
  if (major !== 11 || minor !== 3) return false;
  try {
    const v8 = host.process?.getBuiltinModule?.("node:v8") as
      | { setFlagsFromString?: (flags: string) => void }
      | undefined;
    if (typeof v8?.setFlagsFromString !== "function") return false;
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
    return true;
  } catch {
    return false;
  }
}

function loadRelaxed(): GemmKernels | null {
  // Runtimes without relaxed SIMD reject the module (Node 20 until its V8 flag is on, see
  // enableRelaxedSimdInNode20): the SIMD kernels module's multiply-then-add takes over.
  let result = loadWasm(GEMM_RELAXED_WASM_BASE64);
  if (result === null && enableRelaxedSimdInNode20()) result = loadWasm(GEMM_RELAXED_WASM_BASE64);
  if (result === null) return null;
  return {
    exports: result.exports as GemmExports,
    module: result.module,
    threaded: compileWasm(GEMM_SHARED_RELAXED_WASM_BASE64),
    relaxed: true,
  };
}

/**
 * The float32 matmul kernels: the relaxed-SIMD module where the runtime accepts it (Node 22 and
 * later, Node 20 once its V8 flag is on, current browsers) and it is enabled, else the SIMD
 * kernels module; null when the SIMD
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
  if (plain === null) {
    plain = {
      exports: base,
      module: kernelsModule()!,
      threaded: compileWasm(GEMM_SHARED_WASM_BASE64),
      relaxed: false,
    };
  }
  return plain;
}

/** The relaxed module whose `fma_fused` probe was last asked, and its answer. */
let probed: object | null = null;
let fused = false;

/**
 * The relaxed-SIMD module where float32 matmuls run on it and its `f32x4.relaxed_madd` is fused
 * here (x64 with FMA3, arm64; asked once of the module's `fma_fused`), else null. Its kernels
 * that stand for PyTorch's fused AVX2 code (Box-Muller, SLEEF's tanh) give PyTorch's bits only
 * then; elsewhere their callers take another path.
 */
export function fusedRelaxedKernels(): GemmKernels | null {
  const g = gemmKernels();
  if (g === null || !g.relaxed) return null;
  if (probed !== g.exports) {
    probed = g.exports;
    fused = (g.exports as unknown as { fma_fused(): number }).fma_fused() === 1;
  }
  return fused ? g : null;
}

let fusedView: Float32Array | null = null;

/**
 * The first chunks of the relaxed module's memory, which products leave alone (floats up to the
 * end of the out chunk at `O`, as in the SIMD kernels module: the in chunk at `A`, the out chunk
 * at `O`), as a view made again after the memory grows (products grow it, which detaches the old
 * buffer).
 */
export function relaxedHeap(exports: GemmExports): Float32Array {
  if (fusedView === null || fusedView.buffer !== exports.memory.buffer) {
    fusedView = new Float32Array(exports.memory.buffer, 0, O / 4 + CHUNK);
  }
  return fusedView;
}

let scratchView: Float32Array | null = null;

/** The relaxed module's scratch area (simd.ts's `SCRATCH`), as {@link relaxedHeap} is made. */
export function relaxedScratch(exports: GemmExports): Float32Array {
  if (scratchView === null || scratchView.buffer !== exports.memory.buffer) {
    scratchView = new Float32Array(exports.memory.buffer, SCRATCH, SCRATCH_FLOATS);
  }
  return scratchView;
}

/** True when float32 matmuls run on the relaxed-SIMD (fused multiply-add) kernel here. */
export function relaxedSimdActive(): boolean {
  return gemmKernels()?.relaxed === true;
}

/**
 * Allows or forbids the relaxed-SIMD matmul kernel; returns the previous setting. It is allowed
 * by default where the runtime has relaxed SIMD, unless the environment has
 * `KINDLING_RELAXED_SIMD=0`. On Node 20, whose V8 has relaxed SIMD behind a flag, the first float32
 * matmul (or threaded tanh, which runs on the matmul's threaded module, or a float32 `randn` of
 * 64 elements or more, whose Box-Muller runs on its fused multiply-add) while it is allowed turns
 * on V8's `--experimental-wasm-relaxed-simd` for the process (it is on by default from Node 22);
 * forbid it before then to leave V8's flags untouched. Fused multiply-adds round once where the plain
 * kernel rounds twice, so products differ by float32 rounding between machines that fuse and
 * machines that do not; `setRelaxedSimdEnabled(false)` gives every machine the plain kernel's
 * bits, at its speed. (Normal samples are PyTorch's bits either way: they use the fused kernel
 * only where the machine fuses.)
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
