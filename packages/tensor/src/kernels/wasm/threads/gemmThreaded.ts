import type { GemmKernels } from "../gemmModule.js";
import { gemmPanels, KC, MC, type PackedProduct } from "../gemmPanels.js";
import * as L from "./layout.js";
import { breakPool, type MatmulPool, matmulPool, wakeWorkers } from "./pool.js";

/**
 * Products with fewer multiply-adds stay on one thread: waking a worker costs tens of
 * microseconds, a few percent of a 256×256×256 product.
 */
export const THREADED_GEMM_MIN_FLOPS = 256 * 256 * 256;

/** Waiting this long for a worker that finishes nothing gives up on it (30 s; tests shorten it). */
let stallMs = 30_000;

/** Sets how long a worker may hold a task without any progress (ms); returns the previous value. */
export function setStallMs(ms: number): number {
  const previous = stallMs;
  stallMs = ms;
  return previous;
}

let workerTasks = 0;
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

/** Tasks run by workers so far in this thread (for tests: whether the pool really ran). */
export function workerTaskCount(): number {
  return workerTasks;
}

function claim(control: Int32Array, generation: number): number {
  for (;;) {
    const v = Atomics.load(control, L.CLAIM);
    if (v < 0 || v >>> 15 !== generation) return -1;
    const next = v & 0x7fff;
    if (next >= control[L.TASKS]!) return -1;
    if (Atomics.compareExchange(control, L.CLAIM, v, v + 1) === v) return next;
  }
}

/**
 * Blocks until workers have finished `count` tasks; false if they stop making progress for
 * `stallMs` (a worker that died, or hangs, holding a task).
 */
function awaitWorkers(control: Int32Array, count: number): boolean {
  let done = Atomics.load(control, L.DONE);
  let since = Date.now();
  while (done < count) {
    Atomics.wait(control, L.DONE, done, Math.min(1000, stallMs));
    const now = Atomics.load(control, L.DONE);
    if (now !== done) {
      done = now;
      since = Date.now();
    } else if (Date.now() - since > stallMs) {
      return false;
    }
  }
  return true;
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
  Atomics.store(control, L.CLAIM, -1);
  control[L.M_PANELS] = p.mPanels;
  control[L.N_PANELS] = p.nPanels;
  control[L.K] = p.k;
  control[L.KC] = KC;
  control[L.TASK_PANELS] = taskPanels;
  control[L.TASKS] = tasks;
  control[L.PA] = p.pa;
  control[L.PB] = p.pb;
  control[L.PC] = p.pc;
  control.fill(0, L.STATUS, L.STATUS + tasks);
  Atomics.store(control, L.DONE, 0);
  const generation = (control[L.GEN]! + 1) & 0xffff;
  Atomics.store(control, L.CLAIM, generation << 15);
  Atomics.store(control, L.GEN, generation);
  wakeWorkers(pool);
  let mine = 0;
  for (let t = claim(control, generation); t >= 0; t = claim(control, generation)) {
    const i0 = t * taskPanels;
    gemmPanels(wasm, heap, p, i0, Math.min(taskPanels, p.mPanels - i0));
    Atomics.store(control, L.STATUS + t, L.RUN_BY_CALLER);
    mine++;
  }
  if (!awaitWorkers(control, tasks - mine)) {
    breakPool(pool);
    return "stalled";
  }
  for (let t = 0; t < tasks; t++) {
    const status = Atomics.load(control, L.STATUS + t);
    if (status === L.FAILED) {
      // the worker's kernel threw and it has moved on: this thread computes those rows
      breakPool(pool);
      const i0 = t * taskPanels;
      gemmPanels(wasm, heap, p, i0, Math.min(taskPanels, p.mPanels - i0));
    } else if (status === L.RUN_BY_WORKER) {
      workerTasks++;
    }
  }
  return "done";
}
