// What the benchmarks ran on: CPU model and instruction sets, cores, memory, Node, PyTorch and the
// BLAS PyTorch was built with (from torch.__config__.show()).
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { runTorchScript } from "./harness.mjs";

const ISA_FLAGS = [
  "sse4_2",
  "avx",
  "avx2",
  "fma",
  "avx512f",
  "avx512_bf16",
  "avx_vnni",
  "neon",
  "asimd",
];

function cpuFlags() {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const line = info.split("\n").find((l) => /^(flags|Features)\s*:/.test(l)) ?? "";
    const flags = new Set(line.split(":")[1]?.trim().split(/\s+/) ?? []);
    return ISA_FLAGS.filter((f) => flags.has(f));
  } catch {
    return [];
  }
}

function torchBuild() {
  const result = runTorchScript(`
import re
cfg = torch.__config__.show()
found = {k: re.search(k + r"=([^,\\s]+)", cfg) for k in ("BLAS_INFO", "LAPACK_INFO")}
blas = ", ".join(f"{k}={m.group(1)}" for k, m in found.items() if m) or "unknown"
print(json.dumps({"blas": blas, "mkldnn": torch.backends.mkldnn.is_available()}))
`);
  return result.skipped ? null : result;
}

/** The machine, Node and PyTorch of this run. */
export function describeMachine(torchVersion) {
  const build = torchVersion === undefined ? null : torchBuild();
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    isa: cpuFlags(),
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    pytorch: torchVersion ?? null,
    pytorchBlas: build?.blas ?? null,
    pytorchMkldnn: build?.mkldnn ?? null,
    date: new Date().toISOString(),
  };
}

/** The machine as a few lines of text. */
export function machineLines(m) {
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ISA: ${m.isa.join(" ") || "unknown"}`,
    `Node ${m.node} (V8 ${m.v8}); PyTorch ${m.pytorch ?? "not found"}${m.pytorchBlas ? ` (${m.pytorchBlas}${m.pytorchMkldnn ? ", oneDNN" : ""})` : ""}, 1 thread`,
    `run at ${m.date}`,
  ];
}
