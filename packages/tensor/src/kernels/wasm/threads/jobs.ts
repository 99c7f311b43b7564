import * as L from "./layout.js";
import { breakPool, type MatmulPool, now, wakeWorkers } from "./pool.js";

/**
 * One job on the pool, whatever its kind (layout.ts): tasks claimed one at a time by the workers
 * and the calling thread together, the caller waiting for the ones it did not run. Each kind's
 * caller writes its own control words first, then calls {@link runJob} (data already in the
 * shared memory: products) or {@link runStreamedJob} (data the caller copies in and out: tanh).
 */

/** Waiting this long for a worker that finishes nothing gives up on it (30 s; tests shorten it). */
let stallMs = 30_000;

/** Sets how long a worker may hold a task without any progress (ms); returns the previous value. */
export function setStallMs(ms: number): number {
  const previous = stallMs;
  stallMs = ms;
  return previous;
}

let workerTasks = 0;

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
 * How long this thread watches `DONE` before it sleeps on it (ms): a sleeping thread takes tens of
 * microseconds to wake (the operating system's scheduler; 20–110 µs seen on a two-core VM), more
 * than a worker's last task often has left to run.
 */
const WATCH_MS = 0.25;

/**
 * Waits until `DONE` is no longer `done`, or up to `timeoutMs`: watching it for {@link WATCH_MS},
 * then sleeping on it.
 */
function waitForDone(control: Int32Array, done: number, timeoutMs: number): void {
  const until = now() + WATCH_MS;
  while (Atomics.load(control, L.DONE) === done) {
    if (now() > until) {
      Atomics.wait(control, L.DONE, done, timeoutMs);
      return;
    }
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
    waitForDone(control, done, Math.min(1000, stallMs));
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

/** Publishes a job of `kind` with `tasks` tasks under a new generation and wakes the workers. */
function publish(pool: MatmulPool, kind: number, tasks: number): number {
  const control = pool.control;
  Atomics.store(control, L.CLAIM, -1);
  control[L.KIND] = kind;
  control[L.TASKS] = tasks;
  control.fill(0, L.STATUS, L.STATUS + tasks);
  Atomics.store(control, L.DONE, 0);
  Atomics.store(control, L.READY, 0);
  const generation = (control[L.GEN]! + 1) & 0xffff;
  Atomics.store(control, L.CLAIM, generation << 15);
  Atomics.store(control, L.GEN, generation);
  wakeWorkers(pool);
  return generation;
}

/**
 * Runs a job of `kind` with `tasks` tasks (at most `MAX_TASKS`) on `pool`, whose kind-specific
 * control words the caller has written: publishes it under a new generation, wakes the workers,
 * runs `task(t)` for every task this thread claims, and waits for the rest. A task a worker could
 * not run (its kernel threw) is run here, and the pool is replaced on the next job. Returns
 * "done" when every task ran; "stalled" when a worker stopped making progress holding a task: it
 * may still write to the shared memory, so the caller must compute the whole job again elsewhere,
 * and the pool, with its memory, is replaced.
 */
export function runJob(
  pool: MatmulPool,
  kind: number,
  tasks: number,
  task: (t: number) => void,
): "done" | "stalled" {
  const control = pool.control;
  const generation = publish(pool, kind, tasks);
  let mine = 0;
  for (let t = claim(control, generation); t >= 0; t = claim(control, generation)) {
    task(t);
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
      // the worker's kernel threw and it has moved on: this thread runs the task
      breakPool(pool);
      task(t);
    } else if (status === L.RUN_BY_WORKER) {
      workerTasks++;
    }
  }
  return "done";
}

/** The three steps of a streamed job's task (see {@link runStreamedJob}). */
export interface StreamedTask {
  /** Copies task `t`'s input into the shared memory (this thread only). */
  copyIn(t: number): void;
  /** Runs task `t` in the shared memory (what the workers run for it). */
  run(t: number): void;
  /** Copies task `t`'s output out of the shared memory (this thread only). */
  copyOut(t: number): void;
}

/**
 * Runs a job of `kind` whose data only this thread can reach (ordinary typed arrays): it copies
 * every task's input into the shared memory in order, publishing its progress in `READY` so that
 * workers start on the first tasks while it copies the rest; then, in task order, copies out each
 * finished task, and while the next is not finished claims and runs a task itself. Copies and
 * kernels overlap, and this thread's share of the kernels is what its copies leave it time for.
 * Tasks a worker could not run are run here; returns "stalled", as {@link runJob} does, when a
 * worker holds a task without progress for the stall limit (the caller must then redo the whole
 * job elsewhere: output already copied out is rewritten).
 */
export function runStreamedJob(
  pool: MatmulPool,
  kind: number,
  tasks: number,
  task: StreamedTask,
): "done" | "stalled" {
  const control = pool.control;
  const generation = publish(pool, kind, tasks);
  try {
    for (let t = 0; t < tasks; t++) {
      task.copyIn(t);
      Atomics.store(control, L.READY, t + 1);
      Atomics.notify(control, L.READY);
    }
  } catch (error) {
    // release workers waiting for input that will not come; their results go nowhere
    Atomics.store(control, L.READY, tasks);
    Atomics.notify(control, L.READY);
    breakPool(pool);
    throw error;
  }
  let done = -1;
  let since = 0;
  for (let next = 0; next < tasks; ) {
    // read before the status: a task finished after this read then cuts the wait below short
    const finished = Atomics.load(control, L.DONE);
    const status = Atomics.load(control, L.STATUS + next);
    if (status === L.RUN_BY_CALLER || status === L.RUN_BY_WORKER) {
      if (status === L.RUN_BY_WORKER) workerTasks++;
      task.copyOut(next++);
      done = -1;
    } else if (status === L.FAILED) {
      // the worker's kernel threw and it has moved on: this thread runs the task
      breakPool(pool);
      task.run(next);
      task.copyOut(next++);
      done = -1;
    } else {
      const t = claim(control, generation);
      if (t >= 0) {
        task.run(t);
        Atomics.store(control, L.STATUS + t, L.RUN_BY_CALLER);
        done = -1;
        continue;
      }
      // every task is claimed and `next` is a worker's: wait for it, or give up on a stalled one
      if (finished !== done) {
        done = finished;
        since = Date.now();
      } else if (Date.now() - since > stallMs) {
        breakPool(pool);
        return "stalled";
      }
      waitForDone(control, finished, Math.min(1000, stallMs));
    }
  }
  return "done";
}
