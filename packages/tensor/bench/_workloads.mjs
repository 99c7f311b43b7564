// The tensor workloads ops.mjs and the TF.js suites (_tfjs.mjs) time alike: a 4x4 add's per-op
// cost, 1M-element float32 add/mul/tanh/sum, and float32 matmul at 256, 512 and 1024. A library
// is given as `{ rand(shape), add, mul, tanh, sum, matmul, release(result) }`; `release` frees a
// result (TF.js's dispose) inside the timed call.
import { sampleSeconds } from "../../../scripts/bench/harness.mjs";
import { add, matmul, mul, rand, sum, tanh } from "../dist/index.js";

/** The matmul sizes. */
export const MATMUL_SIZES = [256, 512, 1024];

/** Kindling as a library of {@link measureWorkloads}: nothing to release. */
export const KINDLING = { rand, add, mul, tanh, sum, matmul, release() {} };

/** Products of size `n` a sample times (a quarter as many for a `slow` library). */
const matmulReps = (n, slow) => Math.max(1, Math.round((256 / n) ** 3 * (slow ? 1 : 4)));

/**
 * Seconds per call of every workload for `lib`, keyed `add4x4`, `add1M`, `mul1M`, `tanh1M`,
 * `sum1M`, `matmul256`...: `rounds` samples each (at most 5 for matmul, 3 when `slow`), with
 * `add4x4Reps` calls of the 4x4 add a sample.
 */
export function measureWorkloads(lib, { rounds, slow = false, add4x4Reps = 100_000 }) {
  const once = (op) => () => lib.release(op());
  const time = (op, reps, r = rounds) => sampleSeconds(once(op), { reps, rounds: r });
  const a4 = lib.rand([4, 4]);
  const b4 = lib.rand([4, 4]);
  const a = lib.rand([1_000_000]);
  const b = lib.rand([1_000_000]);
  const out = {
    add4x4: time(() => lib.add(a4, b4), add4x4Reps),
    add1M: time(() => lib.add(a, b), 20),
    mul1M: time(() => lib.mul(a, b), 20),
    tanh1M: time(() => lib.tanh(a), 10),
    sum1M: time(() => lib.sum(a), 20),
  };
  for (const n of MATMUL_SIZES) {
    const ma = lib.rand([n, n]);
    const mb = lib.rand([n, n]);
    const r = slow ? 3 : Math.min(rounds, 5);
    out[`matmul${n}`] = time(() => lib.matmul(ma, mb), matmulReps(n, slow), r);
  }
  return out;
}
