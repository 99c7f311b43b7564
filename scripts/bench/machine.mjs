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

/** The BLAS libraries the running Python has mapped (file names), read from /proc/self/maps. */
const LOADED_BLAS = `
import os
def loaded_blas():
    try:
        with open("/proc/self/maps") as maps:
            names = {os.path.basename(line.split()[-1]) for line in maps if "blas" in line and "/" in line}
        return ", ".join(sorted(names)) or "none"
    except OSError:
        return "unknown"
`;

function torchBuild() {
  const result = runTorchScript(`
import re
${LOADED_BLAS}
cfg = torch.__config__.show()
found = {k: re.search(k + r"=([^,\\s]+)", cfg) for k in ("BLAS_INFO", "LAPACK_INFO")}
blas = ", ".join(f"{k}={m.group(1)}" for k, m in found.items() if m) or "unknown"
torch.mm(torch.rand(2, 2), torch.rand(2, 2))
print(json.dumps({"blas": blas, "mkldnn": torch.backends.mkldnn.is_available(), "loaded": loaded_blas()}))
`);
  if (result.skipped) return null;
  const openblas = runTorchScript(
    `${LOADED_BLAS}\ntorch.mm(torch.rand(2, 2), torch.rand(2, 2))\nprint(json.dumps({"loaded": loaded_blas()}))`,
    [],
    { blas: "openblas" },
  );
  return { ...result, openblasLoaded: openblas.skipped ? null : openblas.loaded };
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
    pytorchBlasLoaded: build?.loaded ?? null,
    pytorchOpenblasLoaded: build?.openblasLoaded ?? null,
    date: new Date().toISOString(),
  };
}

/** The machine as a few lines of text. */
export function machineLines(m) {
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ISA: ${m.isa.join(" ") || "unknown"}`,
    `Node ${m.node} (V8 ${m.v8}); PyTorch ${m.pytorch ?? "not found"}${m.pytorchBlas ? ` (${m.pytorchBlas}${m.pytorchMkldnn ? ", oneDNN" : ""})` : ""}, 1 thread`,
    ...(m.pytorchBlasLoaded
      ? [
          `PyTorch's BLAS as loaded: ${m.pytorchBlasLoaded} (Debian's reference BLAS)${m.pytorchOpenblasLoaded ? `; in the PyTorch+OpenBLAS rows: ${m.pytorchOpenblasLoaded}, one thread unless a row says two` : "; OpenBLAS not installed, so no PyTorch+OpenBLAS figures"}`,
        ]
      : []),
    `run at ${m.date}`,
  ];
}
