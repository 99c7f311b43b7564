import type { GemmKernels } from "../gemmModule.js";
import { gemmPanels, KC, MC, type PackedProduct, type PanelBlock } from "../gemmPanels.js";
import { runJob } from "./jobs.js";
import * as L from "./layout.js";
import { type MatmulPool, matmulPool } from "./pool.js";

/**
 * Products with fewer multiply-adds stay on one thread. A worker is woken while the operands are
 * packed, so what a product pays to share is the packing and copying it cannot share: about
 * break-even at 64×256×256, 1.1–1.4 times as fast at 128×256×256 on two threads.
 */
export const THREADED_GEMM_MIN_FLOPS = 128 * 256 * 256;

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

/** Tasks per thread a product is cut into, so that a thread that starts late still gets work. */
export const TASKS_PER_THREAD = 8;
/** The fewest column panels a task of a column split covers. */
const MIN_TASK_COLUMN_PANELS = 2;

/** How a product's C is cut into tasks: blocks of row panels by blocks of column panels. */
export interface TaskGrid {
  /** Row panels per task (the last row of tasks may have fewer). */
  readonly rowPanels: number;
  /** Column panels per task (the last column of tasks may have fewer). */
  readonly colPanels: number;
  /** Blocks across C's columns; task `t` is row block `⌊t / colTasks⌋`, column block `t % colTasks`. */
  readonly colTasks: number;
  /** Tasks in all. */
  readonly tasks: number;
}

/**
 * The tasks of a product with `mPanels` row panels and `nPanels` column panels on `threads`
 * threads: about {@link TASKS_PER_THREAD} a thread. A product with rows enough is cut into blocks
 * of rows only, at most {@link MC} rows each, as before; one with fewer rows (the products of an
 * MLP's batch, say 128 rows) is cut across its columns too: cutting it into thinner row blocks
 * would make every task read all of B, each from another thread's cache, where a column block
 * reads only its own panels of B (and A, which every block reads, stays in the thread's cache
 * between its tasks).
 */
export function taskGrid(mPanels: number, nPanels: number, threads: number): TaskGrid {
  const wanted = TASKS_PER_THREAD * threads;
  const rowBlocks = Math.ceil(mPanels / (MC >> 2));
  if (rowBlocks >= threads * 2) {
    const rowPanels = Math.max(
      Math.ceil(mPanels / L.MAX_TASKS),
      Math.min(MC >> 2, Math.ceil(mPanels / wanted)),
    );
    return { rowPanels, colPanels: nPanels, colTasks: 1, tasks: Math.ceil(mPanels / rowPanels) };
  }
  const rowPanels = Math.ceil(mPanels / rowBlocks);
  const across = Math.max(
    1,
    Math.min(Math.ceil(wanted / rowBlocks), Math.floor(nPanels / MIN_TASK_COLUMN_PANELS)),
  );
  const colPanels = Math.ceil(nPanels / across);
  const colTasks = Math.ceil(nPanels / colPanels);
  return { rowPanels, colPanels, colTasks, tasks: rowBlocks * colTasks };
}

/** Task `t`'s block of C in `grid`. */
export function taskBlock(grid: TaskGrid, p: PackedProduct, t: number): PanelBlock {
  const i0 = Math.floor(t / grid.colTasks) * grid.rowPanels;
  const j0 = (t % grid.colTasks) * grid.colPanels;
  return {
    i0,
    rows: Math.min(grid.rowPanels, p.mPanels - i0),
    j0,
    cols: Math.min(grid.colPanels, p.nPanels - j0),
  };
}

/**
 * Computes C for a product packed in `pool`'s shared memory on the workers and this thread
 * together: C is cut into tasks ({@link taskGrid}), each claimed and run whole by one thread with
 * the single-threaded blocks ({@link gemmPanels}), so C is bit for bit what one thread gives,
 * and every thread writes its block in place. Returns "done"; "unshared", having done nothing,
 * when the product is too small to share; "stalled" when a worker stopped making progress while
 * holding a task: it may still write to this memory, so the caller computes the product again
 * elsewhere (on its own module), and the pool, with its memory, is replaced.
 */
export function threadedGemmF32(
  pool: MatmulPool,
  p: PackedProduct,
): "done" | "unshared" | "stalled" {
  const wasm = pool.exports;
  const grid = taskGrid(p.mPanels, p.nPanels, pool.workers.length + 1);
  if (grid.tasks < 2) return "unshared";
  const control = pool.control;
  control[L.M_PANELS] = p.mPanels;
  control[L.N_PANELS] = p.nPanels;
  control[L.K] = p.k;
  control[L.KC] = KC;
  control[L.TASK_PANELS] = grid.rowPanels;
  control[L.TASK_COLUMN_PANELS] = grid.colPanels;
  control[L.COLUMN_TASKS] = grid.colTasks;
  control[L.PA] = p.pa;
  control[L.PB] = p.pb;
  control[L.PC] = p.pc;
  return runJob(pool, L.KIND_GEMM, grid.tasks, (t) => gemmPanels(wasm, p, taskBlock(grid, p, t)));
}
