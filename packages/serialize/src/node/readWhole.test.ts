import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
      const bytes = await readWhole(path);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(size);
      expect(Buffer.from(bytes.buffer, 0, size).equals(readFileSync(path))).toBe(true);
    }
  });

  it("rejects a missing file", async () => {
    await expect(readWhole(join(folder, "missing"))).rejects.toThrow(/ENOENT/);
  });
});
