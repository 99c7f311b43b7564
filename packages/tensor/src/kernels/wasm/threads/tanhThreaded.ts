import { gemmKernels } from "../gemmModule.js";
import { DATA_BASE, ensureMemory } from "../moduleMemory.js";
import { roundUp, TANH_STEP } from "../simd.js";
import { runJob } from "./jobs.js";
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
 * `out[oi + i] = tanhf(a[ai + i])` for `i < n` on the worker pool and this thread together: `a`'s
 * span is copied into the pool's shared memory, every thread runs `tanh_f32` in place on the
 * tasks it claims, and the span is copied out. The same kernel as on one thread, lane by lane, so
 * the same bits. Returns false, having written nothing, when the op stays on one thread: too
 * small, threads off or unavailable, the span beyond the shared memory's limit, or a worker that
 * stalled (it may still write to that memory; the pool is replaced).
 */
export function threadedTanhF32(
  a: Float32Array,
  ai: number,
  out: Float32Array,
  oi: number,
  n: number,
): boolean {
  if (!enabled || n < THREADED_TANH_MIN) return false;
  const module = gemmKernels()?.threaded ?? null;
  if (module === null) return false;
  const pool = matmulPool(module);
  if (pool === null) return false;
  const wasm = pool.exports;
  // whole loop steps: the kernel's last one may run up to 7 elements past the span
  if (!ensureMemory(wasm, DATA_BASE + 4 * roundUp(n, TANH_STEP))) return false;
  const heap = new Float32Array(wasm.memory.buffer);
  heap.set(a.subarray(ai, ai + n), DATA_BASE >> 2);
  const per = Math.max(TASK_ELEMENTS, roundUp(Math.ceil(n / L.MAX_TASKS), TANH_STEP));
  const control = pool.control;
  control[L.E_AT] = DATA_BASE;
  control[L.E_LENGTH] = n;
  control[L.E_TASK] = per;
  const outcome = runJob(pool, L.KIND_TANH, Math.ceil(n / per), (t) => {
    const at = DATA_BASE + 4 * t * per;
    wasm.tanh_f32(at, at, roundUp(Math.min(per, n - t * per), TANH_STEP));
  });
  if (outcome === "stalled") return false;
  out.set(heap.subarray(DATA_BASE >> 2, (DATA_BASE >> 2) + n), oi);
  return true;
}
