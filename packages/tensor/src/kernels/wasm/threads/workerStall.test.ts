import { afterAll, describe, expect, it, vi } from "vitest";
import * as T from "../../../index.js";
import { untilWorkersRun } from "../../../testing/workers.js";
import { gemmKernels } from "../gemmModule.js";
import { simdAvailable } from "../simd.js";
import { setThreadedGemmEnabled } from "./gemmThreaded.js";
import { setStallMs } from "./jobs.js";
import { availableCores, resetNumThreads, setNumThreads } from "./numThreads.js";
import { threadsSupported } from "./platform.js";
import { matmulPool } from "./pool.js";
import { setThreadedTanhEnabled } from "./tanhThreaded.js";

/** The pool for the kernel matmuls run on here. */
const currentPool = () => matmulPool(gemmKernels()!.threaded!);

/**
 * A worker that stops making progress while it holds a task (here: the first task a worker claims
 * of an armed product spends 1.5 s overwriting its rows of C with NaN, then computes them; which
 * task that is depends on when the worker wakes) must not change a result:
 * the caller stops waiting, computes the whole product again on its own module, and replaces the
 * pool, so the stalled worker's writes land in a memory no later product uses.
 */
vi.mock("./workerSource.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./workerSource.js")>();
  const marker = "const ldc = nPanels * 8;";
  const tanhMarker = "const count = Math.min(per, ctrl[E_LENGTH] - t * per);";
  let source = original.WORKER_SOURCE;
  if (!source.includes(marker) || !source.includes(tanhMarker)) {
    throw new Error("worker source changed");
  }
  source = source.replace(
    marker,
    `${marker} if (mPanels === 100 && !globalThis.stalled) { globalThis.stalled = true;` +
      " const end = Date.now() + 1500;" +
      " const rows = new Float32Array(memory.buffer, pc + t * tp * 16 * nPanels * 8);" +
      " while (Date.now() < end) rows.fill(Number.NaN, 0, tp * 4 * nPanels * 8); }",
  );
  source = source.replace(
    tanhMarker,
    `${tanhMarker} if (ctrl[E_LENGTH] === 300001 && !globalThis.tanhStalled) {` +
      " globalThis.tanhStalled = true; const end = Date.now() + 1500;" +
      " const span = new Float32Array(memory.buffer, at, count);" +
      " while (Date.now() < end) span.fill(Number.NaN); }",
  );
  return { WORKER_SOURCE: source };
});

/** Whether two float32 arrays hold the same bits (a byte compare: deep equality is slow). */
function sameBits(x: Float32Array, y: Float32Array): boolean {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
    Buffer.from(y.buffer, y.byteOffset, y.byteLength),
  );
}

/** The length of the armed tanh (in the mock above, which vitest hoists above this). */
const ARMED_TANH = 300_001;

const threaded = simdAvailable() && threadsSupported() && availableCores() >= 2;

describe.skipIf(!threaded)("a stalled worker", () => {
  afterAll(() => {
    setStallMs(30_000);
    resetNumThreads();
  });

  it("makes the caller compute the product again elsewhere, and replaces the pool", async () => {
    setNumThreads(2);
    T.manualSeed(4);
    expect(await untilWorkersRun(T.randn([256, 300]), T.randn([300, 256]))).toBe(true);
    // 400 rows are 100 panels: the armed product; other shapes run as usual
    const a = T.randn([400, 2000]);
    const b = T.randn([2000, 300]);
    const previous = setThreadedGemmEnabled(false);
    const one = T.matmul(a, b).toTypedArray() as Float32Array;
    setThreadedGemmEnabled(previous);
    const pool = currentPool();
    setStallMs(200);
    const started = Date.now();
    let got: Float32Array | null = null;
    // the worker must claim a task of the armed product for the stall to happen
    for (let i = 0; i < 50 && currentPool() === pool; i++) {
      got = T.matmul(a, b).toTypedArray() as Float32Array;
      expect(sameBits(got, one)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(currentPool()).not.toBe(pool);
    expect(Date.now() - started).toBeLessThan(20_000);
    // the late rows of the old pool never reach the new one's products
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const after = T.matmul(a, b).toTypedArray() as Float32Array;
    expect(sameBits(after, one)).toBe(true);
  });

  it("makes a threaded tanh run again on one thread, and replaces the pool", async () => {
    setNumThreads(2);
    T.manualSeed(5);
    const x = T.randn([ARMED_TANH]).mul(3);
    const previous = setThreadedTanhEnabled(false);
    const one = T.tanh(x).toTypedArray() as Float32Array;
    setThreadedTanhEnabled(previous);
    const pool = currentPool();
    setStallMs(200);
    for (let i = 0; i < 100 && currentPool() === pool; i++) {
      expect(sameBits(T.tanh(x).toTypedArray() as Float32Array, one)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(currentPool()).not.toBe(pool);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(sameBits(T.tanh(x).toTypedArray() as Float32Array, one)).toBe(true);
  });
});
