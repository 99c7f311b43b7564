import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { crc32 } from "../zip/crc32.js";
import { canShareCrcs, shareCrcs } from "./crcWorker.js";

/** Where worker threads cannot start, the worker's share is read back on the calling thread. */
vi.mock("node:worker_threads", () => ({
  Worker: class {
    constructor() {
      throw new Error("no worker threads here");
    }
  },
}));

const folder = mkdtempSync(join(tmpdir(), "kindling-crc-fallback-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("CRC-32s without a worker", () => {
  it("are still each part's, hashed here from the file", async () => {
    const parts = [new Uint8Array(300).fill(3), new Uint8Array(5000).map((_, i) => i * 7)];
    const path = join(folder, "parts.bin");
    writeFileSync(path, Buffer.concat(parts));
    const known = await shareCrcs(path, parts, [0, 1]);
    expect(known.get(0)).toBe(crc32(parts[0]!));
    expect(known.get(1)).toBe(crc32(parts[1]!));
    expect(canShareCrcs()).toBe(false); // and later saves hash everything on their own thread
  });
});
