import type { ThreadedExports } from "../gemmModule.js";
import { instantiateShared } from "../loadWasm.js";
import { DATA_BASE, MAX_MEMORY_BYTES } from "../moduleMemory.js";
import { CONTROL_LENGTH, WAKE_AHEAD_MS } from "./layout.js";
import { getNumThreads } from "./numThreads.js";
import { spawnWorker, threadsSupported, type WorkerHandle } from "./platform.js";
import { WORKER_SOURCE } from "./workerSource.js";

/**
 * The matmul workers of this thread, their control words, and the memory they share with it:
 * the calling thread packs a product's operands into that memory through its own instance of
 * the same module ({@link exports}), and every thread writes its rows of C there.
 */
export interface MatmulPool {
  /** The workers (one fewer than the threads: the caller is one). */
  readonly workers: readonly WorkerHandle[];
  /** The control words (layout.ts), shared with every worker. */
  readonly control: Int32Array;
  /** Set when a worker failed: the pool is replaced on the next product. */
  broken: boolean;
  /** The shared-memory module the workers instantiated (gemmShared.wat). */
  readonly module: object;
  /**
   * The calling thread's instance of {@link module} over the pool's shared memory, which belongs
   * to this pool alone: a replaced pool's late writes never reach its successor's products.
   */
  readonly exports: ThreadedExports;
  /**
   * When ({@link now}, ms) the workers were last woken ahead of a job they will wait for
   * ({@link wakeWorkersAhead}); -Infinity when the next job must wake them itself.
   */
  wokenAt: number;
}

/**
 * Pages the shared memory starts with (the first four, below `DATA_BASE`, as in every kernels
 * module) and may grow to (the kernels' memory limit, as gemmShared.wat declares it).
 */
const SHARED_PAGES = DATA_BASE / 65536;
const SHARED_MAX_PAGES = MAX_MEMORY_BYTES / 65536;

/** After this many broken pools, products stay on one thread. */
const MAX_FAILURES = 3;

let pool: MatmulPool | null = null;
let failures = 0;

function shutdown(): void {
  if (pool === null) return;
  for (const w of pool.workers) w.terminate();
  pool = null;
}

function create(workers: number, module: object): MatmulPool | null {
  const shared = instantiateShared(module, SHARED_PAGES, SHARED_MAX_PAGES);
  if (shared === null) {
    failures = MAX_FAILURES;
    return null;
  }
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_LENGTH * 4));
  const handles: WorkerHandle[] = [];
  const exports = shared.exports as ThreadedExports;
  const created: MatmulPool = {
    workers: handles,
    control,
    broken: false,
    module,
    exports,
    wokenAt: Number.NEGATIVE_INFINITY,
  };
  const fail = (): void => breakPool(created);
  for (let i = 0; i < workers; i++) {
    const w = spawnWorker(WORKER_SOURCE, fail);
    if (w === null) {
      for (const h of handles) h.terminate();
      failures = MAX_FAILURES;
      return null;
    }
    const init = { module, memory: shared.memory, control: control.buffer, thread: i + 1 };
    w.postMessage({ type: "init", ...init });
    handles.push(w);
  }
  return created;
}

/**
 * Marks `p` as failed (a worker errored, exited, or could not run a task): it is replaced on the
 * next product, and after {@link MAX_FAILURES} failed pools products stay on one thread.
 */
export function breakPool(p: MatmulPool): void {
  if (!p.broken && pool === p) failures++;
  p.broken = true;
}

/**
 * The pool for the current thread setting ({@link getNumThreads}) whose workers run `module`
 * (the shared-memory twin of the caller's kernel, `GemmKernels.threaded`), started on first use
 * and replaced when the setting or the module changes; null when one thread is asked for, or threads are unsupported here, or
 * workers kept failing.
 */
export function matmulPool(module: object): MatmulPool | null {
  const threads = getNumThreads();
  if (
    pool !== null &&
    (pool.broken || pool.workers.length !== threads - 1 || pool.module !== module)
  ) {
    shutdown();
  }
  if (threads <= 1 || failures >= MAX_FAILURES) return null;
  if (pool === null && threadsSupported()) pool = create(threads - 1, module);
  return pool;
}

const clock = (globalThis as { performance?: { now(): number } }).performance;

/** A monotonic clock in milliseconds (`performance.now`, in Node and browsers alike). */
export function now(): number {
  return clock === undefined ? Date.now() : clock.now();
}

/**
 * Wakes every worker for the job just published in the control words, unless they were woken
 * ahead of it ({@link wakeWorkersAhead}) recently enough to be waiting for it still.
 */
export function wakeWorkers(p: MatmulPool): void {
  // a worker watches from when it takes the message, so it is still watching for 3/4 of the time
  const ahead = now() - p.wokenAt < 0.75 * WAKE_AHEAD_MS;
  p.wokenAt = Number.NEGATIVE_INFINITY;
  if (!ahead) for (const w of p.workers) w.postMessage({ type: "job" });
}

/**
 * Wakes every worker ahead of a job the caller is about to publish (a product whose operands it
 * is packing): a worker takes tens of microseconds to wake (a message to its event loop, the
 * operating system's scheduler), which the packing now hides. A worker woken so waits up to
 * {@link WAKE_AHEAD_MS} for the job's generation, then claims its tasks as usual.
 */
export function wakeWorkersAhead(p: MatmulPool): void {
  for (const w of p.workers) w.postMessage({ type: "job" });
  p.wokenAt = now();
}
