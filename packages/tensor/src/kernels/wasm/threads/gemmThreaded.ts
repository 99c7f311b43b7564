import type { GemmKernels } from "../gemmModule.js";
import { gemmPanels, KC, MC, type PackedProduct } from "../gemmPanels.js";
import * as L from "./layout.js";
import { breakPool, matmulPool, poolData, wakeWorkers } from "./pool.js";

/**
 * Products with fewer multiply-adds stay on one thread: waking a worker and copying the packed
 * operands to it cost tens of microseconds, a few percent of a 256×256×256 product.
 */
export const THREADED_GEMM_MIN_FLOPS = 256 * 256 * 256;

/** Waiting this long for a worker that finishes nothing gives up on it. */
const STALL_MS = 30_000;

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
 * {@link STALL_MS} (a worker that died holding a task): the caller then runs the unfinished
 * tasks itself and replaces the pool, whose late writes land in its own control words.
 */
function awaitWorkers(control: Int32Array, count: number): boolean {
  let done = Atomics.load(control, L.DONE);
  let since = Date.now();
  while (done < count) {
    Atomics.wait(control, L.DONE, done, 1000);
    const now = Atomics.load(control, L.DONE);
    if (now !== done) {
      done = now;
      since = Date.now();
    } else if (Date.now() - since > STALL_MS) {
      return false;
    }
  }
  return true;
}

/**
 * Computes C for a product packed in the caller's module memory (`heap`) on the worker pool and
 * this thread together: the row panels are cut into tasks, each claimed and run whole by one
 * thread with the single-threaded blocks ({@link gemmPanels}), so C is bit for bit what one thread
 * gives. Workers' rows are copied back into `heap`. Returns false, having done nothing, when the
 * pool is off or unavailable, or the product has too few rows to share.
 */
export function threadedGemmF32(gemm: GemmKernels, heap: Float32Array, p: PackedProduct): boolean {
  if (!enabled) return false;
  const pool = matmulPool(gemm.module);
  const wasm = gemm.exports;
  if (pool === null) return false;
  const threads = pool.workers.length + 1;
  const taskPanels = Math.max(
    Math.ceil(p.mPanels / L.MAX_TASKS),
    Math.min(MC >> 2, Math.ceil(p.mPanels / (8 * threads))),
  );
  const tasks = Math.ceil(p.mPanels / taskPanels);
  if (tasks < 2) return false;
  const ldc = p.nPanels * 8;
  const packedBytes = p.pc - p.pa;
  const data = poolData(pool, packedBytes + p.mPanels * 16 * ldc);
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
  new Float32Array(data, 0, packedBytes >> 2).set(heap.subarray(p.pa >> 2, p.pc >> 2));
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
  if (!awaitWorkers(control, tasks - mine)) breakPool(pool);
  for (let t = 0; t < tasks; t++) {
    const status = Atomics.load(control, L.STATUS + t);
    const i0 = t * taskPanels;
    const count = Math.min(taskPanels, p.mPanels - i0);
    if (status === L.FAILED || status === 0) {
      breakPool(pool);
      gemmPanels(wasm, heap, p, i0, count);
    } else if (status === L.RUN_BY_WORKER) {
      workerTasks++;
      const c = p.pc + i0 * 16 * ldc;
      heap.set(new Float32Array(data, c - p.pa, count * 4 * ldc), c >> 2);
    }
  }
  return true;
}
