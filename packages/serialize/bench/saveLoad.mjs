// Saves and loads a 100 MB float32 state dict (25 tensors of 1M floats) to a temp dir, in PyTorch's
// .pt format and safetensors, and the same with torch.save/torch.load on one thread when a python3
// imports torch (KINDLING_PYTHON overrides). Prints the median over repeated runs, in MB/s.
// Needs a build first: `pnpm build`.
//
//   node bench/saveLoad.mjs            (or `pnpm bench` in packages/serialize)
//   KINDLING_BENCH_TENSORS=5 KINDLING_BENCH_RUNS=3 node bench/saveLoad.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromTypedArray } from "@kindling/tensor";
import { median, runTorchScript } from "../../../scripts/bench/harness.mjs";
import { load, save } from "../dist/index.js";

const TENSORS = Number(process.env.KINDLING_BENCH_TENSORS ?? 25);
const NUMEL = Number(process.env.KINDLING_BENCH_NUMEL ?? 1_000_000);
const RUNS = Number(process.env.KINDLING_BENCH_RUNS ?? 5);
const MB = (TENSORS * NUMEL * 4) / 1e6;

function stateDict() {
  const out = {};
  for (let t = 0; t < TENSORS; t++) {
    const data = new Float32Array(NUMEL);
    for (let i = 0; i < NUMEL; i += 1024) data[i] = t + i;
    out[`layer${t}.weight`] = fromTypedArray(data, [NUMEL]);
  }
  return out;
}

async function benchKindling(dir, ext) {
  const sd = stateDict();
  const path = join(dir, `kindling.${ext}`);
  const saves = [];
  const loads = [];
  await save(sd, path);
  await load(path);
  for (let run = 0; run < RUNS; run++) {
    let start = process.hrtime.bigint();
    await save(sd, path);
    saves.push(MB / (Number(process.hrtime.bigint() - start) / 1e9));
    start = process.hrtime.bigint();
    const loaded = await load(path);
    loads.push(MB / (Number(process.hrtime.bigint() - start) / 1e9));
    if (loaded === null || typeof loaded !== "object") throw new Error("nothing loaded");
  }
  rmSync(path, { force: true });
  return { save: median(saves), load: median(loads) };
}

const TORCH_SCRIPT = `
import json, os, statistics, sys, time
import torch
torch.set_num_threads(1)
TENSORS, NUMEL, RUNS, DIR = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
MB = TENSORS * NUMEL * 4 / 1e6
sd = {f"layer{t}.weight": torch.zeros(NUMEL) + t for t in range(TENSORS)}
path = os.path.join(DIR, "torch.pt")
torch.save(sd, path); torch.load(path)
saves, loads = [], []
for _ in range(RUNS):
    start = time.perf_counter(); torch.save(sd, path); saves.append(MB / (time.perf_counter() - start))
    start = time.perf_counter(); torch.load(path); loads.append(MB / (time.perf_counter() - start))
os.remove(path)
print(json.dumps({"version": torch.__version__, "save": statistics.median(saves), "load": statistics.median(loads)}))
`;

const dir = mkdtempSync(join(tmpdir(), "kindling-bench-"));
try {
  const pt = await benchKindling(dir, "pt");
  const st = await benchKindling(dir, "safetensors");
  const torch = runTorchScript(TORCH_SCRIPT, [TENSORS, NUMEL, RUNS, dir]);
  const fmt = (x) => (x === undefined ? "n/a" : x.toFixed(0));
  const ratio = (a, b) => (b === undefined ? "n/a" : `${(a / b).toFixed(2)}×`);
  const rows = [
    ["case", "Kindling MB/s", `torch${torch.version ? ` ${torch.version}` : ""} .pt MB/s`, "ratio"],
    ["save .pt", fmt(pt.save), fmt(torch.save), ratio(pt.save, torch.save)],
    ["load .pt", fmt(pt.load), fmt(torch.load), ratio(pt.load, torch.load)],
    ["save .safetensors", fmt(st.save), fmt(torch.save), ratio(st.save, torch.save)],
    ["load .safetensors", fmt(st.load), fmt(torch.load), ratio(st.load, torch.load)],
  ];
  console.log(
    `save/load of a ${MB.toFixed(0)} MB float32 state dict (${TENSORS} tensors × ${NUMEL.toLocaleString("en-US")}), median of ${RUNS} runs (node ${process.version})`,
  );
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      `| ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(" | ")} |`,
    );
    if (i === 0) {
      console.log(
        `| ${widths.map((w, j) => (j === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
      );
    }
  }
  if (torch.skipped) console.log(`(PyTorch column skipped: ${torch.skipped})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
