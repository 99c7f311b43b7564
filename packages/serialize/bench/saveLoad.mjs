#!/usr/bin/env node
// Save and load of a 100 MB float32 state dict (25 tensors of 1M floats) in PyTorch's .pt format
// and safetensors, beside torch.save / torch.load of the same dict on one thread, in MB/s (1 MB =
// 1e6 bytes of tensor data). Target (serialize issue): at least 1 GB/s each way, loading without
// copying tensor data.
// Run with `pnpm bench` here (builds dist first) or from the root for every suite.
//
//   KINDLING_BENCH_ROUNDS=9 KINDLING_BENCH_TENSORS=5 node bench/saveLoad.mjs
//
// What the rows compare, as like for like as the two libraries allow:
// - Kindling's save is atomic (temporary file, rename) and by default durable (fsync of the file
//   and its folder); torch.save writes the file in place and flushes nothing. So "save" is set
//   beside torch.save followed by an fsync of the file, and "save, sync: false" beside plain
//   torch.save.
// - Kindling's load verifies the CRC-32 of every record; torch.load (1.13) does not (a flipped
//   byte in a tensor loads silently). "load, verifyCrc: false" shows what the check costs.
// - Both read files the OS has cached (each was just written): the figures are memory and
//   system-call speeds, not the disk's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromTypedArray } from "@kindling/tensor";
import { row, runSuiteIfMain, runTorchScript } from "../../../scripts/bench/harness.mjs";
import { load, save } from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 7);
const TENSORS = Number(process.env.KINDLING_BENCH_TENSORS ?? 25);
const NUMEL = Number(process.env.KINDLING_BENCH_NUMEL ?? 1_000_000);
const MB = (TENSORS * NUMEL * 4) / 1e6;
const TARGET = { value: 1000, text: "≥ 1000 MB/s" };

function stateDict() {
  const out = {};
  for (let t = 0; t < TENSORS; t++) {
    const data = new Float32Array(NUMEL);
    for (let i = 0; i < NUMEL; i += 1024) data[i] = t + i;
    out[`layer${t}.weight`] = fromTypedArray(data, [NUMEL]);
  }
  return out;
}

/** Seconds per call of the async `fn`: one warm-up call, then `ROUNDS` timed calls. */
async function seconds(fn) {
  await fn();
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return samples;
}

/** How many of the loaded tensors' storages are views on one buffer (the file's): zero copy. */
function viewsOnOneBuffer(loaded) {
  const buffers = new Set();
  for (const t of loaded.values()) buffers.add(t.storage.buffer);
  return buffers.size === 1 ? loaded.size : 0;
}

async function kindling(dir) {
  const sd = stateDict();
  const pt = join(dir, "kindling.pt");
  const st = join(dir, "kindling.safetensors");
  const out = {
    save: await seconds(() => save(sd, pt)),
    saveNoSync: await seconds(() => save(sd, pt, { sync: false })),
    load: await seconds(() => load(pt)),
    loadNoCrc: await seconds(() => load(pt, { verifyCrc: false })),
    saveSt: await seconds(() => save(sd, st)),
    loadSt: await seconds(() => load(st)),
  };
  out.zeroCopyPt = viewsOnOneBuffer(await load(pt));
  out.zeroCopySt = viewsOnOneBuffer(await load(st));
  return out;
}

const TORCH_SCRIPT = `
import os
TENSORS, NUMEL, ROUNDS, DIR = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sd = {f"layer{t}.weight": torch.zeros(NUMEL) + t for t in range(TENSORS)}
path = os.path.join(DIR, "torch.pt")
def save_synced():
    with open(path, "wb") as f:
        torch.save(sd, f)
        f.flush()
        os.fsync(f.fileno())
out = {
    "save": bench(lambda: torch.save(sd, path), 1, ROUNDS),
    "saveSync": bench(save_synced, 1, ROUNDS),
    "load": bench(lambda: torch.load(path), 1, ROUNDS),
}
os.remove(path)
print(json.dumps(out))
`;

/** The serialize suite: MB/s of tensor data saved and loaded. */
export const suite = {
  name: "serialize",
  title: `Save and load of a ${MB.toFixed(0)} MB float32 state dict (${TENSORS} tensors × ${NUMEL.toLocaleString("en-US")})`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "kindling-bench-"));
    try {
      const k = await kindling(dir);
      const torch = runTorchScript(TORCH_SCRIPT, [TENSORS, NUMEL, ROUNDS, dir]);
      const mbps = (s) => MB / s;
      const make = (id, label, samples, pytorch) =>
        row({
          id: `serialize.${id}`,
          label,
          unit: "MB/s",
          better: "higher",
          kindling: samples,
          pytorch,
          convert: mbps,
          target: TARGET,
        });
      return {
        torch,
        rows: [
          make("save", "save .pt (atomic, fsync) vs torch.save + fsync", k.save, torch.saveSync),
          make("saveNoSync", "save .pt, sync: false vs torch.save", k.saveNoSync, torch.save),
          make("load", "load .pt (CRC-32 checked) vs torch.load", k.load, torch.load),
          make("loadNoCrc", "load .pt, verifyCrc: false vs torch.load", k.loadNoCrc, torch.load),
          make("saveSafetensors", "save .safetensors (atomic, fsync)", k.saveSt, null),
          make("loadSafetensors", "load .safetensors", k.loadSt, null),
        ],
        notes: [
          `${ROUNDS} rounds each after one warm-up, files in ${tmpdir()} (cached by the OS); node ${process.version}.`,
          `Zero copy: ${k.zeroCopyPt} of ${TENSORS} loaded .pt storages and ${k.zeroCopySt} of ${TENSORS} safetensors storages are views on the file's buffer.`,
          "Kindling's save is atomic and, by default, durable (fsync); torch.save flushes nothing. Kindling's load checks every CRC-32; torch.load 1.13 checks none.",
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

await runSuiteIfMain(import.meta.url, suite);
