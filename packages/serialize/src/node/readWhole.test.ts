import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crc32 } from "../zip/crc32.js";
import { readWhole } from "./readWhole.js";

const folder = mkdtempSync(join(tmpdir(), "kindling-read-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("readWhole", () => {
  it("gives every byte of empty, small and multi-megabyte files, in a buffer of its own", async () => {
    for (const size of [0, 1, 4099, 5_000_003]) {
      const path = join(folder, `f${size}`);
      writeFileSync(
        path,
        Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff),
      );
      const { bytes, checksums } = await readWhole(path, { zipChecksums: true });
      expect(checksums).toBeUndefined(); // not a zip archive
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(size);
      expect(Buffer.from(bytes.buffer, 0, size).equals(readFileSync(path))).toBe(true);
    }
  });

  it("hashes a zip archive while reading it: the block CRC-32s give every range's crc32", async () => {
    for (const size of [4, 70_000, 9_000_001]) {
      const path = join(folder, `zip${size}`);
      const content = Uint8Array.from({ length: size }, (_, i) => (i * 131 + 3) & 0xff);
      content.set([0x50, 0x4b, 3, 4]);
      writeFileSync(path, content);
      const { bytes, checksums } = await readWhole(path, { zipChecksums: true });
      expect(Buffer.from(bytes).equals(Buffer.from(content))).toBe(true);
      expect(checksums).toBeDefined();
      for (const [begin, end] of [
        [0, size],
        [1, size - 1],
        [size >> 2, size >> 1],
      ] as const) {
        expect(checksums!.crcOf(begin, end)).toBe(crc32(content.subarray(begin, end)));
      }
      expect((await readWhole(path)).checksums).toBeUndefined();
    }
  });

  it("rejects a missing file", async () => {
    await expect(readWhole(join(folder, "missing"))).rejects.toThrow(/ENOENT/);
  });
});
