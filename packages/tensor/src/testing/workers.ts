import { workerTaskCount } from "../kernels/wasm/threads/jobs.js";
import { matmul } from "../ops/matmul.js";
import type { Tensor } from "../tensor.js";

/**
 * Runs `a · b` every 10 ms until `ready()` (at most 500 times), so that the matmul pool's workers,
 * which take a few milliseconds to start, have begun to run tasks; the caller runs every task
 * until then. Returns whether `ready()` came true. By default, ready once workers ran any task.
 */
export async function untilWorkersRun(
  a: Tensor,
  b: Tensor,
  ready: () => boolean = () => workerTaskCount() > 0,
  each: (product: Tensor) => void = () => {},
): Promise<boolean> {
  for (let i = 0; i < 500 && !ready(); i++) {
    each(matmul(a, b));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return ready();
}
