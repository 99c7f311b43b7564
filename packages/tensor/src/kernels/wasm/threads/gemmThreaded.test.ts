import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as T from "../../../index.js";
import type { Tensor } from "../../../tensor.js";
import { untilWorkersRun } from "../../../testing/workers.js";
import { gemmKernels } from "../gemmModule.js";
import { simdAvailable } from "../simd.js";
import { setThreadedGemmEnabled, THREADED_GEMM_MIN_FLOPS } from "./gemmThreaded.js";
import { workerTaskCount } from "./jobs.js";
import { availableCores, getNumThreads, resetNumThreads, setNumThreads } from "./numThreads.js";
import { threadsSupported } from "./platform.js";
import { matmulPool } from "./pool.js";

/** The pool for the kernels module matmuls run on here. */
const currentPool = () => matmulPool(gemmKernels()!.threaded!);

/**
 * Float32 matrix products on the worker pool against the same products on one thread: the bits
 * must be identical (each task runs whole rows of C with the single-threaded k blocks), for
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
