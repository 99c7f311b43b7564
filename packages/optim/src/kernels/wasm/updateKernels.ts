import { loadWasm } from "@kindling/tensor";
import { UPDATE_WASM_BASE64 } from "./updateBinary.js";

/**
 * The optimizers' WebAssembly SIMD update kernels (update.wat, built from
 * scripts/wasm/updateWat.mjs) and how float32 arrays reach them: each call streams the arrays
 * through the module's memory in chunks of {@link CHUNK} elements (copy in, update four lanes at
 * a time, copy the changed arrays back). Every kernel gives the bits of the float32 loop it
 * stands in for. Where WebAssembly SIMD is missing (or after `setUpdateSimdEnabled(false)`), the
 * entry points return false and the caller runs its loop.
 */

/** Elements per array per chunk: 64 KiB of float32 (as scripts/wasm/updateWat.mjs lays out). */
export const CHUNK = 16_384;
/**
 * Below this many elements the loops win: a parameter of a few thousand elements costs a few
 * microseconds either way, and small models have many small parameters.
 */
export const SIMD_MIN_UPDATE = 4_096;

interface UpdateExports {
  memory: { buffer: ArrayBuffer };
  sgd_f32(p: number, g: number, n: number, sign: number, step: number): void;
  sgd_momentum_f32(
    p: number,
    g: number,
    b: number,
    n: number,
    sign: number,
    momentum: number,
    keep: number,
    step: number,
  ): void;
  sgd_momentum_nodamp_f32(
    p: number,
    g: number,
    b: number,
    n: number,
    sign: number,
    momentum: number,
    step: number,
  ): void;
  adam_f32(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    sign: number,
    factor: number,
    b1: number,
    keep1: number,
    b2: number,
    keep2: number,
    bc2: number,
    eps: number,
    step: number,
  ): void;
}

let loaded: UpdateExports | null | undefined;
let enabled = true;

function load(): UpdateExports | null {
  // A runtime without SIMD rejects the module; the loops take over.
  return (loadWasm(UPDATE_WASM_BASE64)?.exports ?? null) as UpdateExports | null;
}

function kernels(n: number): UpdateExports | null {
  if (!enabled || n < SIMD_MIN_UPDATE) return null;
  if (loaded === undefined) loaded = load();
  return loaded;
}

/**
 * Turns the update kernels on or off (on by default where supported); returns the previous
 * setting. For tests and benchmarks of the loops.
 */
export function setUpdateSimdEnabled(flag: boolean): boolean {
  const previous = enabled;
  enabled = flag;
  return previous;
}

const SLOT_BYTES = CHUNK * 4;
/**
 * Bytes each chunk slot starts after its 64 KiB boundary, times the slot's number plus one. An
 * array copied back out of the module's memory into a typed array at the same address modulo 4096
 * (as V8 places large array buffers, on page boundaries) copies about ten times slower on AMD
 * Zen 3 (4 MB: 1.5 ms against 0.13); any other distance copies at full speed.
 */
const SLOT_SKEW = 64;
/** Byte offsets of the four chunk slots (parameter, gradient, state, state). */
const SLOT = [0, 1, 2, 3].map((j) => j * SLOT_BYTES + (j + 1) * SLOT_SKEW);

/**
 * Runs `update(len4)` over the arrays chunk by chunk: `inputs[j]` is copied to the module's
 * memory at chunk slot `j` before, and the slots of `outputs` (indexes into `inputs`) are copied
 * back after.
 */
function chunked(
  k: UpdateExports,
  inputs: readonly Float32Array[],
  outputs: readonly number[],
  update: (len4: number) => void,
): void {
  const heap = new Float32Array(k.memory.buffer);
  const n = inputs[0]!.length;
  for (let at = 0; at < n; at += CHUNK) {
    const len = Math.min(CHUNK, n - at);
    for (let slot = 0; slot < inputs.length; slot++) {
      heap.set(inputs[slot]!.subarray(at, at + len), SLOT[slot]! / 4);
    }
    update((len + 3) & ~3);
    for (const slot of outputs) {
      const from = SLOT[slot]! / 4;
      inputs[slot]!.set(heap.subarray(from, from + len), at);
    }
  }
}

/** `sgdPlainFloat32`'s update (`p = fr(p + step·(sign·g))`); false when unavailable. */
export function simdSgdF32(p: Float32Array, g: Float32Array, sign: number, step: number): boolean {
  const k = kernels(p.length);
  if (k === null) return false;
  chunked(k, [p, g], [0], (n) => k.sgd_f32(SLOT[0]!, SLOT[1]!, n, sign, step));
  return true;
}

/**
 * The common momentum step of `sgdMomentumFloat32` (no weight decay, not the first step, not
 * Nesterov): `m = fr(fr(b·momentum) + keep·(sign·g))`, `b = m`, `p = fr(p + step·m)`; false when
 * unavailable.
 */
export function simdSgdMomentumF32(
  p: Float32Array,
  g: Float32Array,
  b: Float32Array,
  sign: number,
  momentum: number,
  keep: number,
  step: number,
): boolean {
  const k = kernels(p.length);
  if (k === null) return false;
  // Without dampening the momentum sum is one float32 add (the same bits, fewer operations).
  chunked(k, [p, g, b], [0, 2], (n) =>
    keep === 1
      ? k.sgd_momentum_nodamp_f32(SLOT[0]!, SLOT[1]!, SLOT[2]!, n, sign, momentum, step)
      : k.sgd_momentum_f32(SLOT[0]!, SLOT[1]!, SLOT[2]!, n, sign, momentum, keep, step),
  );
  return true;
}

/** The float32 scalars of one Adam step that the kernel takes (see `adamFloat32`). */
export interface AdamKernelScalars {
  readonly sign: number;
  readonly factor: number;
  readonly b1: number;
  readonly keep1: number;
  readonly b2: number;
  readonly keep2: number;
  readonly biasCorrection2Sqrt: number;
  readonly eps: number;
  readonly stepSize: number;
}

/** `adamFloat32`'s branch-free loop (Adam without decay, AdamW; no amsgrad); false when unavailable. */
export function simdAdamF32(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  s: AdamKernelScalars,
): boolean {
  const k = kernels(p.length);
  if (k === null) return false;
  chunked(k, [p, g, m, v], [0, 2, 3], (n) =>
    k.adam_f32(
      SLOT[0]!,
      SLOT[1]!,
      SLOT[2]!,
      SLOT[3]!,
      n,
      s.sign,
      s.factor,
      s.b1,
      s.keep1,
      s.b2,
      s.keep2,
      s.biasCorrection2Sqrt,
      s.eps,
      s.stepSize,
    ),
  );
  return true;
}
