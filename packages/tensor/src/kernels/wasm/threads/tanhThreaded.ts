import { fusedRelaxedKernels } from "../gemmModule.js";
import { DATA_BASE, ensureMemory } from "../moduleMemory.js";
import { roundUp } from "../simd.js";
import { TANH_SCRATCH_BYTES } from "../sleefConstants.js";
import { runStreamedJob } from "./jobs.js";
import * as L from "./layout.js";
import { matmulPool } from "./pool.js";

/**
 * Float32 tanh of at least this many elements is shared with the worker pool: below it, waking a
 * worker (tens of microseconds) costs more than half the kernel saves.
 */
export const THREADED_TANH_MIN = 1 << 16;

/** Elements a task takes at least: 64 KiB, resident in L2 while a thread works on it. */
const TASK_ELEMENTS = 1 << 14;

let enabled = true;

/**
 * Turns threaded tanh off or on (on by default) without touching the pool; returns the previous
 * setting. For tests and benchmarks that compare it with one thread.
 */
export function setThreadedTanhEnabled(flag: boolean): boolean {
  const previous = enabled;
  enabled = flag;
  return previous;
}

/**
 * `out[oi + i] = tanhf(a[ai + i])` for `i < n` on the worker pool and this thread together: this
 * thread copies `a`'s span into the pool's shared memory task by task while workers start on the
 * tasks already there, then copies finished tasks out, running tasks itself while the next is not
 * finished (`runStreamedJob`); every thread runs `tanh_sleef_f32` in place. The same kernel as
 * on one thread, lane by lane, so the same bits. Only where the relaxed-SIMD module is fused here
 * (the shared module is its twin, on the same machine). Returns false when the op stays on one
 * thread, having written nothing (too small, threads off or unavailable, no fused relaxed SIMD,
 * the span beyond the shared memory's limit) or having to be redone (a worker stalled: it may
 * still write to that memory, and the pool is replaced).
 */
export function threadedTanhF32(
  a: Float32Array,
  ai: number,
  out: Float32Array,
  oi: number,
  n: number,
): boolean {
  if (!enabled || n < THREADED_TANH_MIN) return false;
  const module = fusedRelaxedKernels()?.threaded ?? null;
  if (module === null) return false;
  const pool = matmulPool(module);
  if (pool === null) return false;
  const wasm = pool.exports;
  const kernel = wasm.tanh_sleef_f32;
  // whole vectors (the last one may run up to 3 elements past the span), then one scratch area
  // per thread
  const scratch = DATA_BASE + 4 * roundUp(n, 4);
  const threads = pool.workers.length + 1;
  if (kernel === undefined || !ensureMemory(wasm, scratch + threads * TANH_SCRATCH_BYTES)) {
    return false;
  }
  const heap = new Float32Array(wasm.memory.buffer);
  const base = DATA_BASE >> 2;
  const per = Math.max(TASK_ELEMENTS, roundUp(Math.ceil(n / L.MAX_TASKS), 4));
  const length = (t: number): number => Math.min(per, n - t * per);
  const control = pool.control;
  control[L.E_AT] = DATA_BASE;
  control[L.E_LENGTH] = n;
  control[L.E_TASK] = per;
  control[L.E_SCRATCH] = scratch;
  const outcome = runStreamedJob(pool, L.KIND_TANH, Math.ceil(n / per), {
    copyIn: (t) => heap.set(a.subarray(ai + t * per, ai + t * per + length(t)), base + t * per),
    run: (t) => {
      const at = DATA_BASE + 4 * t * per;
      kernel(at, at, roundUp(length(t), 4), scratch);
    },
    copyOut: (t) =>
      out.set(heap.subarray(base + t * per, base + t * per + length(t)), oi + t * per),
  });
  return outcome === "done";
}
