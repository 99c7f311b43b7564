import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { OrderedDict } from "../pickle/pyTypes.js";
import type { TensorData } from "../tensor/tensorData.js";
import { crc32 } from "../zip/crc32.js";
import { canShareCrcs, OFFLOAD_FROM, shareCrcs } from "./crcWorker.js";
import { load, save } from "./fileIO.js";

const folder = mkdtempSync(join(tmpdir(), "kindling-crc-worker-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Parts of the given sizes with pseudo-random bytes. */
function partsOf(sizes: readonly number[], seed: number): Uint8Array[] {
  let x = seed | 1;
  return sizes.map((size) =>
    Uint8Array.from({ length: size }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    }),
  );
}

describe.skipIf(!canShareCrcs())("CRC-32s shared with a worker thread", () => {
  it("are each part's CRC-32, however the worker's share falls across the parts", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        async (sizes, seed) => {
          const parts = partsOf(sizes, seed);
          const path = join(folder, "parts.bin");
          writeFileSync(path, Buffer.concat(parts));
          // every other part carries data to hash, as a zip's headers and records alternate
          const checksummed = parts
            .map((_, i) => i)
            .filter((i) => i % 2 === 1 || sizes.length === 1);
          const known = await shareCrcs(path, parts, checksummed);
          expect([...known.keys()].sort((a, b) => a - b)).toEqual(checksummed);
          for (const index of checksummed) expect(known.get(index)).toBe(crc32(parts[index]!));
        },
      ),
      { numRuns: 60 },
    );
    expect(canShareCrcs()).toBe(true); // the worker ran them: it never failed over to this thread
  });

  it("hash what the file holds for the worker's share (read back), and memory for the rest", async () => {
    const parts = partsOf([100, 1000], 7);
    const path = join(folder, "changed.bin");
    writeFileSync(path, Buffer.concat(parts));
    const expected = crc32(parts[1]!);
    const known = shareCrcs(path, parts, [1]);
    parts[1]![999] = parts[1]![999]! ^ 1; // after the call: the tail is the worker's, from the file
    expect((await known).get(1)).toBe(expected);
  });

  it("give big saves with sync: false files whose every CRC-32 checks", async () => {
    const numel = Math.ceil(OFFLOAD_FROM / 12) + 1000; // three tensors, a little over 16 MiB
    const dict = new OrderedDict<string, TensorData>();
    for (let t = 0; t < 3; t++) {
      const storage = new Float32Array(numel);
      for (let i = 0; i < numel; i += 97) storage[i] = t * numel + i;
      storage[numel - 1] = -t;
      dict.set(`w${t}`, {
        dtype: "float32",
        shape: [numel],
        strides: [1],
        storageOffset: 0,
        storage,
      });
    }
    const path = join(folder, "big.pt");
    await save(dict, path, { sync: false });
    const back = (await load(path, { tensors: "raw" })) as Map<string, TensorData>;
    for (let t = 0; t < 3; t++) {
      const storage = back.get(`w${t}`)!.storage as Float32Array;
      expect([storage[97], storage[numel - 1]]).toEqual([t * numel + 97, -t]);
    }
  });
});
