#!/usr/bin/env node
// The float32 matmul 1024 on the relaxed-SIMD kernel (fused multiply-add), one thread and two,
// for ops.mjs, which runs this file in a child process: Node 20 needs
// --experimental-wasm-relaxed-simd for it (Node 22 and later have relaxed SIMD on, and their
// ordinary matmul rows already use this kernel). Prints `{ active, samples }` as JSON, samples
// keyed as ops.mjs's rows; `active` false (and no samples) where relaxed SIMD is unavailable.
import { sampleSeconds } from "../../../scripts/bench/harness.mjs";
import { matmul, rand, relaxedSimdActive, setNumThreads } from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
const N = 1024;

async function main() {
  if (!relaxedSimdActive()) return { active: false, samples: {} };
  const a = rand([N, N]);
  const b = rand([N, N]);
  setNumThreads(1);
  const one = sampleSeconds(() => matmul(a, b), { reps: 2, rounds: Math.min(ROUNDS, 5) });
  setNumThreads(2);
  matmul(a, b); // the pool starts on the first large product; give its workers time
  await new Promise((resolve) => setTimeout(resolve, 200));
  const two = sampleSeconds(() => matmul(a, b), { reps: 2, rounds: Math.min(ROUNDS, 5) });
  setNumThreads(1);
  return { active: true, samples: { [`matmul${N}relaxed`]: one, [`matmul${N}x2relaxed`]: two } };
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
process.exit(0);
