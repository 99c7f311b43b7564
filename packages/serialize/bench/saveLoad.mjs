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
// - Every case starts with the system's dirty pages written out (untimed `sync`), so that a
//   flush never waits behind the write-back of the case before it.
// - Both read files the OS has cached (each was just written): the figures are memory and
//   system-call speeds, not the disk's.
// - The machine is shared: rounds alternate between Kindling and PyTorch (one long-lived Python
//   process answering "save" / "load" requests), so that a busy moment slows both sides alike.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fromTypedArray } from "@kindling/tensor";
import { row, runSuiteIfMain } from "../../../scripts/bench/harness.mjs";
import { findTorchPython } from "../../../scripts/torch/python.mjs";
import { load, replacedFilesRemoved, save } from "../dist/index.js";

const ROUNDS = Number(process.env.KINDLING_BENCH_ROUNDS ?? 9);
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

/**
 * Writes the system's dirty pages to disk (`sync`, untimed) before a case, so that no case's
 * flush waits behind the write-back of an earlier case's file (torch.save and `sync: false`
 * leave 100 MB dirty). Where `sync` is missing, nothing.
 */
function flushDirtyPages() {
  spawnSync("sync", { stdio: "ignore" });
}

/**
 * Seconds to write `bytes` to a new file at `path` in one call and flush it (fsync): what the
 * disk allows any durable save of that size, the ceiling of the fsync rows. The file is removed
 * after, untimed.
 */
function plainWriteSeconds(path, bytes) {
  const start = process.hrtime.bigint();
  const fd = openSync(path, "w");
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(path, { force: true });
  return seconds;
}

/** Seconds taken by the async `fn`. */
async function timed(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Times the save `fn` twice: until its promise resolves, and until the file it replaced is gone
 * too (`replacedFilesRemoved`: a big replaced file is removed after the save resolves). Waiting
 * for the removal before the next case keeps it from overlapping PyTorch's timing. Returns
 * `{ seconds, removed }`.
 */
async function timedSave(fn) {
  const start = process.hrtime.bigint();
  await fn();
  const resolved = process.hrtime.bigint();
  await replacedFilesRemoved();
  const removed = process.hrtime.bigint();
  return { seconds: Number(resolved - start) / 1e9, removed: Number(removed - start) / 1e9 };
}

/** How many of the loaded tensors' storages are views on one buffer (the file's): zero copy. */
function viewsOnOneBuffer(loaded) {
  const buffers = new Set();
  for (const t of loaded.values()) buffers.add(t.storage.buffer);
  return buffers.size === 1 ? loaded.size : 0;
}

const TORCH_SERVER = `
import json, os, sys, time
import torch
torch.set_num_threads(1)
TENSORS, NUMEL, DIR = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
sd = {f"layer{t}.weight": torch.zeros(NUMEL) + t for t in range(TENSORS)}
path = os.path.join(DIR, "torch.pt")
def save_synced():
    with open(path, "wb") as f:
        torch.save(sd, f)
        f.flush()
        os.fsync(f.fileno())
ops = {"save": lambda: torch.save(sd, path), "saveSync": save_synced, "load": lambda: torch.load(path)}
print(json.dumps({"version": torch.__version__}), flush=True)
for line in sys.stdin:
    op = ops[line.strip()]
    start = time.perf_counter()
    op()
    print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)
`;

/**
 * A Python process that imports torch once and times one `torch.save` / `torch.load` per request,
 * or null without PyTorch.
 */
async function startTorch(dir) {
  const found = findTorchPython();
  if (found === null) return null;
  const child = spawn(found.python, ["-c", TORCH_SERVER, String(TENSORS), String(NUMEL), dir], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on("line", (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`python exited with ${code}`));
  });
  const next = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  const { version } = await next();
  return {
    version,
    async time(op) {
      const reply = next();
      child.stdin.write(`${op}\n`);
      return (await reply).seconds;
    },
    close() {
      child.stdin.end();
    },
  };
}

/** The serialize suite: MB/s of tensor data saved and loaded, Kindling and PyTorch alternating. */
export const suite = {
  name: "serialize",
  title: `Save and load of a ${MB.toFixed(0)} MB float32 state dict (${TENSORS} tensors × ${NUMEL.toLocaleString("en-US")})`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "kindling-bench-"));
    let torch = null;
    try {
      torch = await startTorch(dir);
      const sd = stateDict();
      const pt = join(dir, "kindling.pt");
      const st = join(dir, "kindling.safetensors");
      const plainBytes = new Uint8Array(TENSORS * NUMEL * 4).fill(1);
      const cases = {
        plainWrite: () => plainWriteSeconds(join(dir, "plain.bin"), plainBytes),
        save: () => timedSave(() => save(sd, pt)),
        torchSaveSync: () => torch?.time("saveSync"),
        saveNoSync: () => timedSave(() => save(sd, pt, { sync: false })),
        torchSave: () => torch?.time("save"),
        load: () => timed(() => load(pt)),
        loadNoCrc: () => timed(() => load(pt, { verifyCrc: false })),
        torchLoad: () => torch?.time("load"),
        saveSt: () => timedSave(() => save(sd, st)),
        loadSt: () => timed(() => load(st)),
      };
      const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
      /** Save times until the replaced file was removed too, by case. */
      const removed = { save: [], saveNoSync: [], saveSt: [] };
      const load1 = loadavg()[0];
      for (let round = -1; round < ROUNDS; round++) {
        for (const [name, run] of Object.entries(cases)) {
          flushDirtyPages();
          const result = await run();
          if (round < 0 || result === undefined) continue;
          if (typeof result === "number") samples[name].push(result);
          else {
            samples[name].push(result.seconds);
            removed[name].push(result.removed);
          }
        }
      }
      const load2 = loadavg()[0];
      const zeroCopyPt = viewsOnOneBuffer(await load(pt));
      const zeroCopySt = viewsOnOneBuffer(await load(st));
      const theirs = (name) => (torch === null ? null : samples[name]);
      /** A row in MB/s; `target` null for rows without one. */
      const make = (id, label, kindling, pytorch, target = TARGET) =>
        row({
          id: `serialize.${id}`,
          label,
          unit: "MB/s",
          better: "higher",
          kindling,
          pytorch,
          convert: (s) => MB / s,
          target: target ?? undefined,
        });
      return {
        torch:
          torch === null
            ? { skipped: "no python3 that imports torch (set KINDLING_PYTHON)" }
            : { version: torch.version },
        rows: [
          make(
            "plainWrite",
            "the same bytes in one write + fsync (this disk's ceiling for the fsync rows)",
            samples.plainWrite,
            null,
            null,
          ),
          make(
            "save",
            "save .pt (atomic, fsync) vs torch.save + fsync",
            samples.save,
            theirs("torchSaveSync"),
          ),
          make(
            "saveNoSync",
            "save .pt, sync: false vs torch.save",
            samples.saveNoSync,
            theirs("torchSave"),
          ),
          make(
            "saveRemoved",
            "save .pt (atomic, fsync), until the replaced file is removed too",
            removed.save,
            theirs("torchSaveSync"),
            null,
          ),
          make(
            "saveNoSyncRemoved",
            "save .pt, sync: false, until the replaced file is removed too",
            removed.saveNoSync,
            theirs("torchSave"),
            null,
          ),
          make(
            "load",
            "load .pt (CRC-32 checked) vs torch.load",
            samples.load,
            theirs("torchLoad"),
          ),
          make(
            "loadNoCrc",
            "load .pt, verifyCrc: false vs torch.load",
            samples.loadNoCrc,
            theirs("torchLoad"),
          ),
          make("saveSafetensors", "save .safetensors (atomic, fsync)", samples.saveSt, null),
          make("loadSafetensors", "load .safetensors", samples.loadSt, null),
        ],
        notes: [
          `${ROUNDS} rounds after one warm-up round, each round running every case once, Kindling and PyTorch alternating, each case after an untimed sync (no flush waits behind an earlier case's write-back); files in ${tmpdir()} (cached by the OS); node ${process.version}; load average ${load1.toFixed(1)} before, ${load2.toFixed(1)} after.`,
          `Zero copy: ${zeroCopyPt} of ${TENSORS} loaded .pt storages and ${zeroCopySt} of ${TENSORS} safetensors storages are views on the file's buffer.`,
          "Kindling's save is atomic and, by default, durable (fsync); torch.save flushes nothing. Kindling's load checks every CRC-32; torch.load 1.13 checks none.",
          'A save replacing a big file links the old file aside and removes it after the save resolves, on a pool thread (the rename would otherwise free its pages before returning; torch.save pays the same when it truncates the old file). The save rows time until the promise resolves; the two "removed too" rows until the old file is gone as well, which the suite waits for before the next case.',
        ],
      };
    } finally {
      torch?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

await runSuiteIfMain(import.meta.url, suite);
