/**
 * The control words shared by the calling thread and the workers (an `Int32Array` over a
 * `SharedArrayBuffer`). `KIND` says what a job is. One product is one job: its C is cut into
 * tasks of `TASK_PANELS` 4-row panels by `TASK_COLUMN_PANELS` 8-column panels; one elementwise op over a span of the shared
 * memory is one job, cut into tasks of `E_TASK` elements. Threads claim tasks one at a time with a
 * compare-and-swap on `CLAIM`
 * (the job's generation in the high bits, the next task in the low 15), so a thread that starts
 * late, or wakes for a job already finished, claims nothing. Workers record each task's outcome
 * in `STATUS + task` and count it in `DONE`; the caller waits on `DONE` for the tasks it did not
 * run itself. `PA`, `PB`, `PC` are byte offsets in the memory the caller and the workers share.
 */

/** The current job's generation. */
export const GEN = 0;
/** `(generation & 0xffff) << 15 | next task`, or -1 while a job is being set up. */
export const CLAIM = 1;
/** Tasks finished by workers in the current job. */
export const DONE = 2;
/** What the current job is: {@link KIND_GEMM} or {@link KIND_TANH}. */
export const KIND = 3;
/** Row panels (4 rows each) of A and C. */
export const M_PANELS = 4;
/** Column panels (8 columns each) of B and C. */
export const N_PANELS = 5;
/** The inner dimension. */
export const K = 6;
/** The k extent of one block (the same blocks as the single-threaded kernel). */
export const KC = 7;
/** Row panels per task. */
export const TASK_PANELS = 8;
/** Column panels per task (`N_PANELS` when a product is cut by rows only). */
export const TASK_COLUMN_PANELS = 18;
/** Tasks across C's columns: task `t` covers row block `⌊t / COLUMN_TASKS⌋`, column block `t % COLUMN_TASKS`. */
export const COLUMN_TASKS = 19;
/** Tasks in the job. */
export const TASKS = 9;
/** Byte offset of packed A in the module's memory. */
export const PA = 10;
/** Byte offset of packed B. */
export const PB = 11;
/** Byte offset of C (`M_PANELS · 4` rows of `N_PANELS · 8` float32). */
export const PC = 12;
/** Byte offset of an elementwise job's span (float32 elements, computed in place). */
export const E_AT = 13;
/** Elements in the span. */
export const E_LENGTH = 14;
/** Elements per task (a multiple of 4, the kernel's vector). */
export const E_TASK = 15;
/**
 * Tasks of a streamed job whose input the caller has copied into the shared memory so far: a
 * worker waits on it before it runs a task at or beyond it.
 */
export const READY = 16;
/**
 * Byte offset of the threads' tanh scratch areas (`TANH_SCRATCH_BYTES` each, 16-byte aligned,
 * beyond the span): thread `i`'s at `E_SCRATCH + i · TANH_SCRATCH_BYTES`, the caller being thread
 * 0 and worker `w` thread `w + 1`.
 */
export const E_SCRATCH = 17;
/**
 * Index of the first task status: 0 pending (or held by a stalled worker), 1 run by the caller,
 * 2 run by a worker, 3 failed.
 */
export const STATUS = 24;
/** The most tasks one job may have. */
export const MAX_TASKS = 4096;
/** Length of the control array. */
export const CONTROL_LENGTH = STATUS + MAX_TASKS;
/** A task run by the calling thread. */
export const RUN_BY_CALLER = 1;
/** A task a worker ran; its rows of C are in the shared memory. */
export const RUN_BY_WORKER = 2;
/** A task a worker claimed but could not run (its kernel threw). */
export const FAILED = 3;
/** A float32 matrix product (`gemm_f32` over packed panels). */
export const KIND_GEMM = 0;
/** Float32 tanh in place (`tanh_sleef_f32`). */
export const KIND_TANH = 1;

/**
 * How long a worker woken ahead of a job waits for it (ms), checking the generation without
 * sleeping: long enough for the caller to pack a large product's operands. The worker sleeps in
 * its event loop again after it (woken for a job that never came, it has used this much CPU).
 */
export const WAKE_AHEAD_MS = 2;
