import type { GemmKernels } from "../gemmModule.js";
import { gemmPanels, KC, MC, type PackedProduct } from "../gemmPanels.js";
import { runJob } from "./jobs.js";
import * as L from "./layout.js";
import { type MatmulPool, matmulPool } from "./pool.js";

/**
 * Products with fewer multiply-adds stay on one thread: waking a worker costs tens of
 * microseconds, a few percent of a 256×256×256 product.
 */
export const THREADED_GEMM_MIN_FLOPS = 256 * 256 * 256;

let enabled = true;

/**
 * Turns the threaded path off or on (on by default) without touching the pool; returns the
 * previous setting. For tests that compare it with one thread while the workers stay warm.
 */
export function setThreadedGemmEnabled(flag: boolean): boolean {
  const previous = enabled;
  enabled = flag;
  return previous;
}

/**
 * The worker pool a float32 product of `flops` multiply-adds on `gemm`'s kernel is shared with,
 * or null when it stays on one thread (too small, the threaded path off, one thread asked for,
 * or no pool here). The product is then packed into the pool's shared memory through
 * `pool.exports` and computed by {@link threadedGemmF32}.
 */
export function threadedPool(gemm: GemmKernels, flops: number): MatmulPool | null {
  if (!enabled || flops < THREADED_GEMM_MIN_FLOPS || gemm.threaded === null) return null;
  return matmulPool(gemm.threaded);
}

/**
 * Computes C for a product packed in `pool`'s shared memory (`heap`) on the workers and this
 * thread together: the row panels are cut into tasks, each claimed and run whole by one thread
 * with the single-threaded blocks ({@link gemmPanels}), so C is bit for bit what one thread gives,
 * and every thread writes its rows in place. Returns "done"; "unshared", having done nothing, when
 * the product has too few rows to share; "stalled" when a worker stopped making progress while
 * holding a task: it may still write to this memory, so the caller computes the product again
 * elsewhere (on its own module), and the pool, with its memory, is replaced.
 */
export function threadedGemmF32(
  pool: MatmulPool,
  heap: Float32Array,
  p: PackedProduct,
): "done" | "unshared" | "stalled" {
  const wasm = pool.exports;
  const threads = pool.workers.length + 1;
  const taskPanels = Math.max(
    Math.ceil(p.mPanels / L.MAX_TASKS),
    Math.min(MC >> 2, Math.ceil(p.mPanels / (8 * threads))),
  );
  const tasks = Math.ceil(p.mPanels / taskPanels);
  if (tasks < 2) return "unshared";
  const control = pool.control;
  control[L.M_PANELS] = p.mPanels;
  control[L.N_PANELS] = p.nPanels;
  control[L.K] = p.k;
  control[L.KC] = KC;
  control[L.TASK_PANELS] = taskPanels;
  control[L.PA] = p.pa;
  control[L.PB] = p.pb;
  control[L.PC] = p.pc;
  return runJob(pool, L.KIND_GEMM, tasks, (t) => {
    const i0 = t * taskPanels;
    gemmPanels(wasm, heap, p, i0, Math.min(taskPanels, p.mPanels - i0));
  });
}
