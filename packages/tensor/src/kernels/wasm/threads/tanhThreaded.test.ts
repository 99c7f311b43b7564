import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as T from "../../../index.js";
import { gemmKernels } from "../gemmModule.js";
import { DATA_BASE } from "../moduleMemory.js";
import { simdAvailable } from "../simd.js";
import { runStreamedJob, workerTaskCount } from "./jobs.js";
import * as L from "./layout.js";
import { availableCores, resetNumThreads, setNumThreads } from "./numThreads.js";
import { threadsSupported } from "./platform.js";
import { matmulPool } from "./pool.js";
import { setThreadedTanhEnabled, THREADED_TANH_MIN } from "./tanhThreaded.js";

/**
 * Float32 tanh on the worker pool against the same op on one thread: the bits must be identical
 * (the same kernel, lane by lane), for lengths around and above the threshold, spans that start
 * inside their storage, and values from every range the kernel treats apart (tiny, the small-|x|
 * polynomial, the exponential, saturated, ±0, ±Inf, NaN). The pool is warmed up first, and the
 * tests check that workers really ran tasks.
 */
const threaded = simdAvailable() && threadsSupported() && availableCores() >= 2;

/** The bytes of a float32 tensor's values (compared whole: deep equality is slow). */
function bits(t: T.Tensor): Buffer {
  const a = t.toTypedArray() as Float32Array;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function oneThread<R>(fn: () => R): R {
  const previous = setThreadedTanhEnabled(false);
  try {
    return fn();
  } finally {
    setThreadedTanhEnabled(previous);
  }
}

const SPECIAL = [
  0,
  -0,
  1e-30,
  -1e-30,
  0.3,
  -0.549,
  0.55,
  1,
  -4,
  9.5,
  10,
  30,
  Infinity,
  -Infinity,
  NaN,
];

/** `n` values: uniform in ±`scale`, with the special values sprinkled in. */
function values(n: number, scale: number): T.Tensor {
  const x = T.rand([n])
    .mul(2 * scale)
    .sub(scale);
  const data = x.toTypedArray() as Float32Array;
  for (let i = 0; i < SPECIAL.length; i++) data[(i * 7919) % n] = SPECIAL[i]!;
  return T.fromTypedArray(data, [n]);
}

describe.skipIf(!threaded)("threaded float32 tanh", () => {
  beforeAll(async () => {
    setNumThreads(2);
    // workers take a few milliseconds to start; until then the caller runs every task
    const x = values(1 << 18, 3);
    const before = workerTaskCount();
    for (let i = 0; i < 500 && workerTaskCount() === before; i++) {
      T.tanh(x);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(workerTaskCount()).toBeGreaterThan(before);
  });

  afterAll(() => {
    resetNumThreads();
  });

  it("gives the single-threaded bits for random lengths, offsets and ranges", () => {
    const before = workerTaskCount();
    fc.assert(
      fc.property(
        fc.integer({ min: THREADED_TANH_MIN - 40, max: 5 * THREADED_TANH_MIN + 77 }),
        fc.integer({ min: 0, max: 37 }),
        fc.constantFrom(0.5, 3, 12),
        fc.integer({ min: 0, max: 1 << 30 }),
        (n, offset, scale, seed) => {
          T.manualSeed(seed);
          const x = values(n + offset, scale).narrow(0, offset, n);
          const one = bits(oneThread(() => T.tanh(x)));
          expect(bits(T.tanh(x)).equals(one)).toBe(true);
        },
      ),
      { numRuns: 12, seed: 21 },
    );
    expect(workerTaskCount()).toBeGreaterThan(before);
  });

  it("keeps tensors below the threshold on one thread", () => {
    const before = workerTaskCount();
    T.tanh(values(THREADED_TANH_MIN - 1, 3));
    expect(workerTaskCount()).toBe(before);
  });

  it("stays on one thread with setNumThreads(1)", () => {
    setNumThreads(1);
    try {
      const before = workerTaskCount();
      T.tanh(values(4 * THREADED_TANH_MIN, 3));
      expect(workerTaskCount()).toBe(before);
    } finally {
      setNumThreads(2);
    }
  });

  it("releases waiting workers and gives the pool up when copying in fails", () => {
    const pool = matmulPool(gemmKernels()!.threaded!)!;
    pool.control[L.E_AT] = DATA_BASE;
    pool.control[L.E_LENGTH] = 4 * 16_384;
    pool.control[L.E_TASK] = 16_384;
    const failing = {
      copyIn: (t: number) => {
        if (t === 1) throw new Error("injected");
      },
      run: () => {},
      copyOut: () => {},
    };
    expect(() => runStreamedJob(pool, L.KIND_TANH, 4, failing)).toThrow("injected");
    expect(pool.control[L.READY]).toBe(4);
    expect(pool.broken).toBe(true);
    const x = values(2 * THREADED_TANH_MIN, 3);
    expect(bits(T.tanh(x)).equals(bits(oneThread(() => T.tanh(x))))).toBe(true);
  });
});
