import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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
      // Every whole block was hashed while the file was read.
      expect(checksums!.hashedBytes).toBe(Math.floor(size / 65536) * 65536);
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

  // A sysfs file says it holds 4096 bytes and holds a few: the read comes up short, as it does
  // for a file that shrinks while read.
  const short = "/sys/devices/system/cpu/online";
  it.skipIf(!existsSync(short))("gives the bytes before a read that came up short", async () => {
    const { bytes } = await readWhole(short, { zipChecksums: true });
    const expected = readFileSync(short);
    expect(statSync(short).size).toBeGreaterThan(expected.length);
    expect(Buffer.from(bytes).equals(expected)).toBe(true);
  });

  it("rejects what cannot be read (a folder), once every read in flight has settled", async () => {
    await expect(readWhole(folder, { zipChecksums: true })).rejects.toThrow(/EISDIR/);
  });

  it("reads files of many chunks, read several at once, in order (sizes around 4 MiB multiples)", async () => {
    const chunk = 4 << 20;
    for (const size of [chunk - 1, chunk, chunk + 1, 5 * chunk + 12_345]) {
      const path = join(folder, `c${size}`);
      const content = new Uint8Array(size);
      const words = new Uint32Array(content.buffer, 0, size >> 2);
      for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + 1, 2654435761);
      content[size - 1] = 0xa5;
      writeFileSync(path, content);
      const { bytes } = await readWhole(path);
      expect(bytes.length).toBe(size);
      expect(Buffer.from(bytes).equals(Buffer.from(content))).toBe(true);
      rmSync(path);
    }
  });
});
