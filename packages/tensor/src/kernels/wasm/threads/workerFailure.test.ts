import { afterAll, describe, expect, it, vi } from "vitest";
import * as T from "../../../index.js";
import { gemmKernels } from "../gemmModule.js";
import { simdAvailable } from "../simd.js";
import { setThreadedGemmEnabled } from "./gemmThreaded.js";
import { workerTaskCount } from "./jobs.js";
import { availableCores, resetNumThreads, setNumThreads } from "./numThreads.js";
import { threadsSupported } from "./platform.js";
import { matmulPool } from "./pool.js";
import { setThreadedTanhEnabled, THREADED_TANH_MIN } from "./tanhThreaded.js";

/** The pool for the kernels module matmuls run on here. */
const currentPool = () => matmulPool(gemmKernels()!.threaded!);

/**
 * Workers that cannot run some of their tasks (here: every odd task of a product or of a tanh
 * throws, as a failed memory grow would) must not change a result: the caller runs those tasks,
 * replaces the pool, and after three broken pools stays on one thread.
 */
vi.mock("./workerSource.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./workerSource.js")>();
  const markers = [
    "const ldc = nPanels * 8;",
    "const count = Math.min(per, ctrl[E_LENGTH] - t * per);",
  ];
  let source = original.WORKER_SOURCE;
  for (const marker of markers) {
    if (!source.includes(marker)) throw new Error("worker source changed");
    source = source.replace(marker, `${marker} if (t % 2 === 1) throw new Error("injected");`);
  }
  return { WORKER_SOURCE: source };
});

const threaded = simdAvailable() && threadsSupported() && availableCores() >= 2;

describe.skipIf(!threaded)("worker failures", () => {
  afterAll(() => {
    resetNumThreads();
  });

  it("in a threaded tanh are run by the caller, and the pool is replaced", async () => {
    setNumThreads(2);
    T.manualSeed(2);
    const x = T.randn([4 * THREADED_TANH_MIN]).mul(3);
    const previous = setThreadedTanhEnabled(false);
    const one = T.tanh(x).toTypedArray() as Float32Array;
    setThreadedTanhEnabled(previous);
    const expected = Buffer.from(one.buffer, one.byteOffset, one.byteLength);
    const pool = currentPool();
    let same = true;
    for (let i = 0; i < 500 && currentPool() === pool; i++) {
      const got = T.tanh(x).toTypedArray() as Float32Array;
      same &&= Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(expected);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(same).toBe(true);
    expect(currentPool()).not.toBe(pool);
  });

  it("are recomputed by the caller, and the pool is given up after three", async () => {
    setNumThreads(2);
    T.manualSeed(3);
    const a = T.randn([300, 400]);
    const b = T.randn([400, 260]);
    const previous = setThreadedGemmEnabled(false);
    const one = T.matmul(a, b).toTypedArray() as Float32Array;
    setThreadedGemmEnabled(previous);
    const expected = new Uint32Array(one.buffer, one.byteOffset, one.length);
    let mismatches = 0;
    for (let i = 0; i < 2000 && currentPool() !== null; i++) {
      const got = T.matmul(a, b).toTypedArray() as Float32Array;
      const bits = new Uint32Array(got.buffer, got.byteOffset, got.length);
      for (let j = 0; j < bits.length; j++) if (bits[j] !== expected[j]) mismatches++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(mismatches).toBe(0);
    expect(currentPool()).toBeNull();
    // Only failed tasks give pools up, so workers did fail; now no worker runs anything.
    const before = workerTaskCount();
    T.matmul(a, b);
    expect(workerTaskCount()).toBe(before);
  });
});
