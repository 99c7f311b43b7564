import { CONTROL_LENGTH, DATA_GEN } from "./layout.js";
import { getNumThreads } from "./numThreads.js";
import { spawnWorker, threadsSupported, type WorkerHandle } from "./platform.js";
import { WORKER_SOURCE } from "./workerSource.js";

/** The matmul workers of this thread, their control words and the shared data buffer. */
export interface MatmulPool {
  /** The workers (one fewer than the threads: the caller is one). */
  readonly workers: readonly WorkerHandle[];
  /** The control words (layout.ts), shared with every worker. */
  readonly control: Int32Array;
  /** The operands and the workers' rows of C; replaced (and re-sent) when too small. */
  data: SharedArrayBuffer | null;
  /** Set when a worker failed: the pool is replaced on the next product. */
  broken: boolean;
  /** The kernels module the workers instantiated (the caller's must be the same). */
  readonly module: object;
}

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
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_LENGTH * 4));
  const handles: WorkerHandle[] = [];
  const created: MatmulPool = { workers: handles, control, data: null, broken: false, module };
  const fail = (): void => breakPool(created);
  for (let i = 0; i < workers; i++) {
    const w = spawnWorker(WORKER_SOURCE, fail);
    if (w === null) {
      for (const h of handles) h.terminate();
      failures = MAX_FAILURES;
      return null;
    }
    w.postMessage({ type: "init", module, control: control.buffer });
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
 * (the caller's kernels module), started on first use and replaced when the setting or the
 * module changes; null when one thread is asked for, or threads are unsupported here, or
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

/**
 * A shared buffer of at least `bytes` for the pool's next job: the current one, or a larger one
 * sent to every worker (in order before the job, with a new generation in `DATA_GEN`).
 */
export function poolData(p: MatmulPool, bytes: number): SharedArrayBuffer {
  if (p.data !== null && p.data.byteLength >= bytes) return p.data;
  const size = Math.ceil(Math.max(bytes, (p.data?.byteLength ?? 0) * 1.5) / 65536) * 65536;
  p.data = new SharedArrayBuffer(size);
  const generation = (p.control[DATA_GEN]! + 1) | 0;
  p.control[DATA_GEN] = generation;
  for (const w of p.workers) w.postMessage({ type: "data", buffer: p.data, generation });
  return p.data;
}

/** Wakes every worker for the job just published in the control words. */
export function wakeWorkers(p: MatmulPool): void {
  for (const w of p.workers) w.postMessage({ type: "job" });
}
