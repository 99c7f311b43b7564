// Kindling's tensor ops beside one TensorFlow.js backend ("cpu" or "wasm"), on the workloads the
// benchmarks issue lists for TF.js: a 4x4 add's per-op cost, 1M-element float32 add/mul/tanh/sum,
// and float32 matmul at 256, 512 and 1024. Both sides on one thread: TF.js's WASM backend has no
// threads in Node (its threaded build needs a browser's cross-origin isolation).
//
// TF.js runs these kernels synchronously on both backends (no dataSync needed to finish them), and
// every result is disposed inside the timed call, as a TF.js program must (or wrap in tidy).
// tfjs-core and both backends are devDependencies of @kindling/tensor only.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { row } from "../../../scripts/bench/harness.mjs";
import { manualSeed, setNumThreads } from "../dist/index.js";
import { KINDLING, MATMUL_SIZES, measureWorkloads } from "./_workloads.mjs";

const require = createRequire(import.meta.url);
const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 7);

/** TF.js with `backend` selected, or null (and why) when it cannot be loaded. */
async function loadTf(backend) {
  try {
    const tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-cpu");
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const dist = join(
      dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")),
      "dist",
    );
    wasm.setWasmPaths(`${dist}/`);
    const ok = await tf.setBackend(backend);
    await tf.ready();
    if (!ok) return { tf: null, why: `TF.js backend ${backend} did not start` };
    const simd = backend === "wasm" ? await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") : null;
    return { tf, version: tf.version_core, simd };
  } catch (error) {
    return { tf: null, why: `TF.js not installed (${error.message.split("\n")[0]})` };
  }
}

const us = (s) => s * 1e6;
const ms = (s) => s * 1e3;
const gflops = (n) => (s) => (2 * n ** 3) / s / 1e9;

/** The suite comparing with TF.js's `backend` ("cpu" or "wasm"). */
export function tfjsSuite(backend) {
  const peer = `TF.js ${backend}`;
  const slow = backend === "cpu";
  return {
    name: `tfjs-${backend}`,
    title: `Tensor ops beside TensorFlow.js's ${backend === "cpu" ? "CPU (JavaScript)" : "WebAssembly"} backend`,
    async run() {
      // Kindling first, before TF.js's module and memory are in the process.
      setNumThreads(1);
      manualSeed(0);
      const ours = measureWorkloads(KINDLING, { rounds: ROUNDS, slow });
      // (TF.js's CPU backend warns on stderr that tfjs-node would be faster: a native addon, not
      // a JavaScript backend, and so not what this table compares.)
      const loaded = await loadTf(backend);
      const { tf } = loaded;
      const theirs =
        tf === null
          ? {}
          : measureWorkloads(
              {
                rand: (shape) => tf.randomUniform(shape),
                add: tf.add,
                mul: tf.mul,
                tanh: tf.tanh,
                sum: tf.sum,
                matmul: tf.matMul,
                release: (t) => t.dispose(),
              },
              { rounds: ROUNDS, slow, add4x4Reps: 20_000 },
            );
      const spec = [
        ["add4x4", "4x4 add, per op", "µs", us, "lower"],
        ["add1M", "1M float32 add", "ms", ms, "lower"],
        ["mul1M", "1M float32 mul", "ms", ms, "lower"],
        ["tanh1M", "1M float32 tanh", "ms", ms, "lower"],
        ["sum1M", "1M float32 sum", "ms", ms, "lower"],
        ...MATMUL_SIZES.map((n) => [
          `matmul${n}`,
          `matmul ${n} float32`,
          "GFLOP/s",
          gflops(n),
          "higher",
        ]),
      ];
      const rows = spec.map(([id, label, unit, convert, better]) =>
        row({
          id: `${backend === "cpu" ? "tfjsCpu" : "tfjsWasm"}.${id}`,
          label,
          unit,
          convert,
          better,
          kindling: ours[id],
          pytorch: theirs[id] ?? null,
          peer,
        }),
      );
      const notes =
        loaded.tf === null
          ? [`${peer} skipped: ${loaded.why}`]
          : [
              `TensorFlow.js ${loaded.version}, ${backend} backend${loaded.simd === null ? "" : `, SIMD ${loaded.simd ? "on" : "off"}`}, one thread; every result disposed inside the timed call.`,
            ];
      return { rows, notes };
    },
  };
}
