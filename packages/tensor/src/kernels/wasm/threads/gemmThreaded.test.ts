import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as T from "../../../index.js";
import type { Tensor } from "../../../tensor.js";
import { untilWorkersRun } from "../../../testing/workers.js";
import { gemmKernels } from "../gemmModule.js";
import { MC } from "../gemmPanels.js";
import { simdAvailable } from "../simd.js";
import {
  setThreadedGemmEnabled,
  TASKS_PER_THREAD,
  THREADED_GEMM_MIN_FLOPS,
  taskBlock,
  taskGrid,
} from "./gemmThreaded.js";
import { workerTaskCount } from "./jobs.js";
import { MAX_TASKS, WAKE_AHEAD_MS } from "./layout.js";
import { availableCores, getNumThreads, resetNumThreads, setNumThreads } from "./numThreads.js";
import { threadsSupported } from "./platform.js";
import { matmulPool, wakeWorkersAhead } from "./pool.js";

/** The pool for the kernels module matmuls run on here. */
const currentPool = () => matmulPool(gemmKernels()!.threaded!);

/**
 * Float32 matrix products on the worker pool against the same products on one thread: the bits
 * must be identical (each task runs a block of C with the single-threaded k blocks), for
 * random shapes around and above the threading threshold, transposed and strided operands, and
 * batches. The pool is warmed up first (a worker takes a few milliseconds to start; until then
 * the caller runs every task), and the tests check that workers really ran tasks.
 */
const RUNS = { numRuns: 14, seed: 12 };
const threaded = simdAvailable() && threadsSupported() && availableCores() >= 2;

function bits(t: Tensor): Uint32Array {
  const a = t.toTypedArray() as Float32Array;
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

function oneThread<R>(fn: () => R): R {
  const previous = setThreadedGemmEnabled(false);
  try {
    return fn();
  } finally {
    setThreadedGemmEnabled(previous);
  }
}

function expectSameBits(fn: () => Tensor): void {
  const one = bits(oneThread(fn));
  const two = bits(fn());
  expect(two).toEqual(one);
}

/** An m×k operand: plain, transposed (a k×m tensor's `t()`), or every other column of m×2k. */
function operand(m: number, k: number, layout: number): Tensor {
  if (layout === 1) return T.randn([k, m]).t();
  if (layout === 2) return T.randn([m, 2 * k]).slice(1, 0, 2 * k, 2);
  return T.randn([m, k]);
}

describe.skipIf(!threaded)("threaded float32 matmul", () => {
  beforeAll(async () => {
    setNumThreads(2);
    expect(await untilWorkersRun(T.randn([256, 512]), T.randn([512, 256]))).toBe(true);
  });

  afterAll(() => {
    resetNumThreads();
  });

  it("gives the single-threaded bits for random shapes and layouts", () => {
    const before = workerTaskCount();
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 420 }),
        fc.integer({ min: 100, max: 700 }),
        fc.integer({ min: 40, max: 330 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (m, k, n, layoutA, layoutB, seed) => {
          T.manualSeed(seed);
          const a = operand(m, k, layoutA);
          const b = operand(n, k, layoutB).t();
          expectSameBits(() => T.matmul(a, b));
        },
      ),
      RUNS,
    );
    expect(workerTaskCount()).toBeGreaterThan(before);
  });

  it("gives the single-threaded bits for batches (bmm, matmul with broadcasting)", () => {
    const before = workerTaskCount();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 180, max: 300 }),
        fc.integer({ min: 200, max: 420 }),
        fc.integer({ min: 150, max: 280 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 << 30 }),
        (batch, m, k, n, transposed, seed) => {
          T.manualSeed(seed);
          const a = transposed ? T.randn([batch, k, m]).transpose(1, 2) : T.randn([batch, m, k]);
          const b = T.randn([batch, k, n]);
          expectSameBits(() => T.bmm(a, b));
          expectSameBits(() => T.matmul(a, b.select(0, 0)));
        },
      ),
      { numRuns: 6, seed: 13 },
    );
    expect(workerTaskCount()).toBeGreaterThan(before);
  });

  it("shares a product of few rows across its columns (an MLP layer's batch of 128)", () => {
    T.manualSeed(5);
    const x = T.randn([128, 784]);
    const w = T.randn([250, 784]);
    const g = T.randn([128, 250]);
    const before = workerTaskCount();
    expectSameBits(() => T.matmul(x, w.t()));
    expectSameBits(() => T.matmul(g.t(), x));
    expect(workerTaskCount()).toBeGreaterThan(before);
  });

  it("still shares products after waking the workers for a job that never came", async () => {
    const pool = currentPool()!;
    wakeWorkersAhead(pool);
    await new Promise((resolve) => setTimeout(resolve, 4 * WAKE_AHEAD_MS));
    const a = T.randn([256, 512]);
    const b = T.randn([512, 256]);
    const before = workerTaskCount();
    expect(await untilWorkersRun(a, b, () => workerTaskCount() > before)).toBe(true);
    expectSameBits(() => T.matmul(a, b));
  });

  it("keeps products below the threshold on one thread", () => {
    const before = workerTaskCount();
    const side = Math.floor(Math.cbrt(THREADED_GEMM_MIN_FLOPS)) - 8;
    T.matmul(T.randn([side, side]), T.randn([side, side]));
    expect(workerTaskCount()).toBe(before);
  });

  it("turns the pool off with setNumThreads(1)", () => {
    const a = T.randn([300, 300]);
    setNumThreads(1);
    try {
      const before = workerTaskCount();
      T.matmul(a, a);
      expect(currentPool()).toBeNull();
      expect(workerTaskCount()).toBe(before);
    } finally {
      setNumThreads(2);
    }
    expect(currentPool()).not.toBeNull();
  });
});

describe("a threaded product's tasks", () => {
  it("cover every panel of C once, about eight a thread, rows cut first", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 2, max: 16 }),
        (mPanels, nPanels, threads) => {
          const grid = taskGrid(mPanels, nPanels, threads);
          expect(grid.tasks).toBeLessThanOrEqual(MAX_TASKS);
          expect(grid.rowPanels).toBeLessThanOrEqual(MC >> 2);
          const p = { pa: 0, pb: 0, pc: 0, mPanels, nPanels, k: 1 };
          const seen = new Uint8Array(mPanels * nPanels);
          for (let t = 0; t < grid.tasks; t++) {
            const b = taskBlock(grid, p, t);
            expect(b.rows).toBeGreaterThan(0);
            expect(b.cols).toBeGreaterThan(0);
            for (let i = b.i0; i < b.i0 + b.rows; i++)
              for (let j = b.j0; j < b.j0 + b.cols; j++) seen[i * nPanels + j]! += 1;
          }
          expect(seen.every((v) => v === 1)).toBe(true);
          // columns are cut only when rows alone give too few tasks of at most MC rows
          const rowBlocks = Math.ceil(mPanels / (MC >> 2));
          if (grid.colTasks > 1) expect(rowBlocks).toBeLessThan(2 * threads);
          expect(grid.tasks).toBeLessThanOrEqual(
            Math.max(TASKS_PER_THREAD * threads * 2, rowBlocks),
          );
        },
      ),
      { numRuns: 150, seed: 21 },
    );
  });

  it("cut a 128-row product on two threads into 16 blocks of its columns", () => {
    const grid = taskGrid(32, 32, 2);
    expect(grid).toEqual({ rowPanels: 32, colPanels: 2, colTasks: 16, tasks: 16 });
    expect(taskGrid(256, 128, 2)).toEqual({
      rowPanels: 16,
      colPanels: 128,
      colTasks: 1,
      tasks: 16,
    });
  });
});

describe("thread count", () => {
  afterAll(() => {
    resetNumThreads();
  });

  it("is capped at the cores and refuses non-positive counts", () => {
    setNumThreads(10_000);
    expect(getNumThreads()).toBe(availableCores());
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
    expect(() => setNumThreads(0)).toThrow(RangeError);
    expect(() => setNumThreads(1.5)).toThrow(RangeError);
  });

  it("reads KINDLING_NUM_THREADS when no count was set", () => {
    resetNumThreads();
    const previous = process.env.KINDLING_NUM_THREADS;
    try {
      process.env.KINDLING_NUM_THREADS = "1";
      expect(getNumThreads()).toBe(1);
      process.env.KINDLING_NUM_THREADS = "not a number";
      expect(getNumThreads()).toBe(availableCores());
    } finally {
      if (previous === undefined) delete process.env.KINDLING_NUM_THREADS;
      else process.env.KINDLING_NUM_THREADS = previous;
    }
  });
});
