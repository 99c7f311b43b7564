// Shared pieces of the packages' benchmarks (packages/*/bench/*.mjs): the median of repeated
// timings, repeatable input data, and running the same workload in PyTorch on one thread.
import { spawnSync } from "node:child_process";
import { findTorchPython } from "../torch/python.mjs";

/** The median of `values` (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `n` deterministic float32 values in [-1, 1) from a 32-bit LCG: repeatable without a RNG. */
export function filledFloat32(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Runs `script` with the Python that imports torch (KINDLING_PYTHON overrides the search), on one
 * thread, passing `args`; returns the JSON its last stdout line prints, or `{ skipped: reason }`.
 */
export function runTorchScript(script, args = []) {
  const torch = findTorchPython();
  if (torch === null) return { skipped: "no python3 that imports torch (set KINDLING_PYTHON)" };
  const result = spawnSync(torch.python, ["-c", script, ...args.map(String)], {
    encoding: "utf8",
    timeout: 600_000,
    env: {
      ...process.env,
      OMP_NUM_THREADS: "1",
      MKL_NUM_THREADS: "1",
      OPENBLAS_NUM_THREADS: "1",
    },
  });
  if (result.status !== 0) {
    const last = (result.stderr ?? "").trim().split("\n").pop();
    return { skipped: `PyTorch benchmark failed: ${last || result.error?.message || "no output"}` };
  }
  return JSON.parse(result.stdout.trim().split("\n").pop());
}
