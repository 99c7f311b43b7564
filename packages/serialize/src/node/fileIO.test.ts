import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { OrderedDict } from "../pickle/pyTypes.js";
import { readSafetensors } from "../safetensors/readSafetensors.js";
import type { TensorData } from "../tensor/tensorData.js";
import { atomicWriteFile, MOVE_ASIDE_FROM, pendingRemovals } from "./atomicWrite.js";
import { load, replacedFilesRemoved, save } from "./fileIO.js";
import { writeFileAtomic } from "./writeFileAtomic.js";

const folder = mkdtempSync(join(tmpdir(), "kindling-save-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const weight: TensorData = {
  dtype: "float32",
  shape: [2],
  strides: [1],
  storageOffset: 0,
  storage: new Float32Array([1.5, -2]),
};

describe("save / load", () => {
  it("choose the format from the extension and read it back", async () => {
    await save(new OrderedDict([["w", weight]]), join(folder, "model.pt"));
    await save({ w: weight }, join(folder, "model.safetensors"), { metadata: { by: "kindling" } });
    const pt = (await load(join(folder, "model.pt"))) as OrderedDict<string, TensorData>;
    expect([...pt.get("w")!.storage]).toEqual([1.5, -2]);
    const bytes = readFileSync(join(folder, "model.safetensors"));
    expect(readSafetensors(bytes).metadata).toEqual({ by: "kindling" });
    const st = (await load(join(folder, "model.safetensors"))) as Map<string, TensorData>;
    expect([...st.get("w")!.storage]).toEqual([1.5, -2]);
    await save({ w: weight }, join(folder, "forced.safetensors"), { format: "pt" });
    expect(
      String.fromCharCode(...readFileSync(join(folder, "forced.safetensors")).subarray(0, 2)),
    ).toBe("PK");
  });

  it("verify CRC-32s of big files from the checksums computed while reading: a flipped byte is found", async () => {
    const big: TensorData = {
      dtype: "float32",
      shape: [5_000_000],
      strides: [1],
      storageOffset: 0,
      storage: Float32Array.from({ length: 5_000_000 }, (_, i) => i),
    };
    const path = join(folder, "big.pt");
    await save(new OrderedDict([["w", big]]), path);
    const loaded = (await load(path)) as OrderedDict<string, { toTypedArray(): Float32Array }>;
    expect(loaded.get("w")!.toTypedArray()[4_999_999]).toBe(4_999_999);
    const bytes = readFileSync(path);
    const middle = bytes.length >> 1; // inside the storage's record, far from the chunk edges
    bytes[middle] = bytes[middle]! ^ 0x10;
    writeFileSync(path, bytes);
    await expect(load(path)).rejects.toMatchObject({ code: "CRC_MISMATCH" });
    await expect(load(path, { verifyCrc: false })).resolves.toBeDefined();
  });

  it("write the same bytes with sync: false (no fsync), still through a renamed temporary file", async () => {
    const synced = join(folder, "synced.pt");
    const unsynced = join(folder, "unsynced.pt");
    await save(new OrderedDict([["w", weight]]), synced);
    await save(new OrderedDict([["w", weight]]), unsynced, { sync: false });
    expect(readFileSync(unsynced)).toEqual(readFileSync(synced));
    expect(readdirSync(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("leave no temporary file behind on success or failure, and keep the old file on failure", async () => {
    const path = join(folder, "keep.pt");
    await save({ w: weight }, path);
    const before = readFileSync(path);
    await expect(save({ bad: () => 1 }, path)).rejects.toThrow(/cannot pickle/);
    await expect(
      writeFileAtomic(join(folder, "missing", "x.pt"), new Uint8Array(1)),
    ).rejects.toThrow();
    expect(readFileSync(path)).toEqual(before);
    expect(readdirSync(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("writeFileAtomic", () => {
  it("writes text as UTF-8, bytes, and parts one after the other, replacing the old file", async () => {
    const path = join(folder, "atomic.txt");
    await writeFileAtomic(path, "héllo €");
    expect(readFileSync(path, "utf8")).toBe("héllo €");
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    const big = new Uint8Array(3000).map((_, i) => i % 251);
    const parts = [
      big.subarray(0, 1),
      new Uint8Array(0),
      big.subarray(1, 2000),
      big.subarray(2000),
    ];
    // more parts than one writev call takes
    const many = Array.from({ length: 2500 }, (_, i) => new Uint8Array([i % 256]));
    await writeFileAtomic(path, parts);
    expect(readFileSync(path)).toEqual(Buffer.from(big));
    await writeFileAtomic(path, many);
    expect([...readFileSync(path)]).toEqual(many.map((p) => p[0]));
    await writeFileAtomic(path, []);
    expect(readFileSync(path).length).toBe(0);
    expect(readdirSync(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it.each([true, false])(
    "completes deferred parts after writing them and writes the changed parts again (sync: %s)",
    async (sync) => {
      const path = join(folder, `deferred-${sync}.bin`);
      const header = new Uint8Array(5);
      const data = new Uint8Array(200_000).map((_, i) => i % 253);
      const middle = new Uint8Array([42]);
      const tail = new Uint8Array(3);
      const total = header.length + data.length + middle.length + tail.length;
      let sizeWhenCompleted = -1;
      await atomicWriteFile(
        path,
        () => ({
          parts: [header, data, middle, tail],
          complete() {
            const temp = readdirSync(folder).find((f) => f.startsWith(`.deferred-${sync}.bin.`));
            sizeWhenCompleted = statSync(join(folder, temp!)).size;
            header.set([1, 2, 3, 4, 5]);
            tail.set([7, 8, 9]);
            return [0, 3];
          },
        }),
        { sync },
      );
      expect(sizeWhenCompleted).toBe(total); // the parts were written before the checksums ran
      const back = readFileSync(path);
      expect([...back.subarray(0, 5)]).toEqual([1, 2, 3, 4, 5]);
      expect(back.subarray(5, 5 + data.length)).toEqual(Buffer.from(data));
      expect([...back.subarray(total - 4)]).toEqual([42, 7, 8, 9]);
    },
  );

  it.each([true, false])(
    "links a big replaced file aside and removes it after resolving (sync: %s)",
    async (sync) => {
      const path = join(folder, `aside-${sync}.bin`);
      await atomicWriteFile(path, new Uint8Array(64).fill(1), { sync, moveAsideFrom: 32 });
      expect(pendingRemovals()).toEqual([]); // nothing was replaced
      await atomicWriteFile(path, new Uint8Array(64).fill(2), { sync, moveAsideFrom: 32 });
      // the removal has started and not yet reported back
      const aside = pendingRemovals();
      expect(aside).toHaveLength(1);
      expect(aside[0]).toMatch(
        new RegExp(`/\\.aside-${sync}\\.bin\\.${process.pid}\\.[0-9a-f]{12}\\.old$`),
      );
      expect([...readFileSync(path)]).toEqual(new Array(64).fill(2));
      await replacedFilesRemoved();
      expect(pendingRemovals()).toEqual([]);
      expect(existsSync(aside[0]!)).toBe(false);
      expect(readdirSync(folder).filter((f) => f.startsWith(`.aside-${sync}`))).toEqual([]);
      // below the threshold the rename frees the old file itself
      await atomicWriteFile(path, new Uint8Array(31), { sync, moveAsideFrom: 32 });
      expect(pendingRemovals()).toEqual([]);
      expect(MOVE_ASIDE_FROM).toBe(8 << 20);
    },
  );

  // The pool thread usually gets to the removal before `process.exit` returns; the exit handler
  // covers one still queued. Either way nothing may be left behind.
  it("finishes background removals when the process exits right after a save", async () => {
    const module = compiledAtomicWrite();
    const target = join(folder, "exits.bin");
    const script = `
      import { atomicWriteFile } from ${JSON.stringify(module)};
      const bytes = new Uint8Array(1 << 20);
      await atomicWriteFile(${JSON.stringify(target)}, bytes, { moveAsideFrom: 0 });
      for (let i = 0; i < 5; i++) await atomicWriteFile(${JSON.stringify(target)}, bytes, { moveAsideFrom: 0 });
      process.exit(0);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    expect(await new Promise((resolve) => child.once("exit", resolve))).toBe(0);
    expect(readdirSync(folder).filter((f) => f.startsWith(".exits.bin"))).toEqual([]);
    expect(statSync(target).size).toBe(1 << 20);
  });

  it("keeps the old file and removes the temporary one when completing deferred parts fails", async () => {
    const path = join(folder, "deferred-fails.bin");
    await writeFileAtomic(path, "old");
    const failing = () => ({
      parts: [new Uint8Array(10)],
      complete(): number[] {
        throw new Error("checksum failed");
      },
    });
    await expect(atomicWriteFile(path, failing)).rejects.toThrow("checksum failed");
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes a consistent file (checksums match the data) when tensors change before save resolves", async () => {
    const storage = new Float32Array([1, 2, 3]);
    const t: TensorData = { dtype: "float32", shape: [3], strides: [1], storageOffset: 0, storage };
    const path = join(folder, "changing.pt");
    const pending = save({ t }, path);
    storage[0] = 99;
    await pending;
    const back = (await load(path, { tensors: "raw" })) as Map<string, TensorData>;
    expect([...back.get("t")!.storage]).toEqual([99, 2, 3]);
  });
});

/** atomicWrite.ts compiled to a runnable module, for child processes. */
function compiledAtomicWrite(): string {
  const source = readFileSync(new URL("./atomicWrite.ts", import.meta.url), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const path = join(folder, "atomicWrite.mjs");
  writeFileSync(path, outputText);
  return path;
}

describe("atomic save under kill -9", () => {
  it("processes killed at any moment leave the old file or a new one, never a torn file", async () => {
    const module = compiledAtomicWrite();
    const target = join(folder, "target.bin");
    const size = 1024 * 1024;
    // Each writer fills the whole file with its own byte value, over and over, until killed.
    const script = (value: number) => `
      import { atomicWriteFile } from ${JSON.stringify(module)};
      const half = new Uint8Array(${size / 2}).fill(${value});
      await atomicWriteFile(${JSON.stringify(target)}, [half, half]);
      process.stdout.write("ready\\n");
      const options = { moveAsideFrom: ${value % 2 === 0 ? 0 : 2 ** 30} }; // half the writers link aside
      for (;;) await atomicWriteFile(${JSON.stringify(target)}, [half, half], options);
    `;
    writeFileSync(target, new Uint8Array(size).fill(100));
    const writers = 6;
    const children: ChildProcess[] = [];
    for (let k = 1; k <= writers; k++) {
      children.push(
        spawn(process.execPath, ["--input-type=module", "-e", script(k)], {
          stdio: ["ignore", "pipe", "inherit"],
        }),
      );
    }
    await Promise.all(
      children.map((c) => new Promise<void>((resolve) => c.stdout!.once("data", () => resolve()))),
    );
    for (const [k, child] of children.entries()) {
      await new Promise((resolve) => setTimeout(resolve, 5 + ((k * 37) % 60)));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      const bytes = readFileSync(target);
      expect(bytes.length).toBe(size);
      expect(bytes[0]! >= 1 && bytes[0]! <= writers).toBe(true);
      expect(bytes.every((b) => b === bytes[0])).toBe(true);
    }
    // killed writers may leave their temporary files and aside links (never the target) behind
    for (const leftover of readdirSync(folder).filter((f) => /\.(tmp|old)$/.test(f)))
      rmSync(join(folder, leftover));
    expect(existsSync(target)).toBe(true);
  }, 300_000);
});
