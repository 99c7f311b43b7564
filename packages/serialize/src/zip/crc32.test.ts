import { describe, expect, it } from "vitest";
import { crc32, crc32Tables } from "./crc32.js";

/** Bit-at-a-time reference CRC-32. */
function slowCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

describe("crc32", () => {
  it("matches the standard check value and the empty input", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("matches a bit-at-a-time reference for every length up to 40 and at any byte offset", () => {
    const data = Uint8Array.from({ length: 64 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let start = 0; start < 3; start++) {
      for (let n = 0; n <= 40; n++) {
        const part = data.subarray(start, start + n);
        expect(crc32(part)).toBe(slowCrc(part));
      }
    }
  });

  it("continues from a previous CRC", () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    expect(crc32(data.subarray(37), crc32(data.subarray(0, 37)))).toBe(crc32(data));
  });

  it("gives the same CRC natively (zlib.crc32, inputs of 64 bytes and more) and from the tables", () => {
    const zlib = process.getBuiltinModule?.("node:zlib") as { crc32?: unknown } | undefined;
    // Node 20.20 has zlib.crc32 (since 20.15): crc32 must use it, and agree with the tables.
    expect(typeof zlib?.crc32).toBe("function");
    let seed = 12345;
    const data = Uint8Array.from({ length: 1 << 20 }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed >>> 24;
    });
    for (const n of [64, 65, 1000, 4096 + 3, 1 << 20]) {
      const part = data.subarray(1, 1 + Math.min(n, data.length - 1));
      expect(crc32(part)).toBe(crc32Tables(part));
    }
    expect(crc32(data.subarray(0, 200))).toBe(slowCrc(data.subarray(0, 200)));
    // Continuing across the two paths: a table-driven head, a native tail, and back.
    const head = crc32Tables(data.subarray(0, 37));
    expect(crc32(data.subarray(37, 5000), head)).toBe(crc32Tables(data.subarray(0, 5000)));
    expect(crc32Tables(data.subarray(5000, 5010), crc32(data.subarray(0, 5000)))).toBe(
      crc32(data.subarray(0, 5010)),
    );
  });
});
