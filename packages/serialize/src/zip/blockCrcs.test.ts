import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockCrcs, crc32Combine } from "./blockCrcs.js";
import { crc32 } from "./crc32.js";

describe("BlockCrcs", () => {
  it("gives crc32 of every range, whatever the block size and how far the buffer has filled", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (bytes, blockSize, a, b, filled) => {
          const crcs = new BlockCrcs(bytes, blockSize);
          crcs.update(filled % (bytes.length + 1));
          const begin = a % (bytes.length + 1);
          const end = begin + (b % (bytes.length - begin + 1));
          expect(crcs.crcOf(begin, end)).toBe(crc32(bytes.subarray(begin, end)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("combines whole blocks of a multi-megabyte buffer (the native crc32 path)", () => {
    const bytes = Uint8Array.from({ length: 3_000_017 }, (_, i) => (i * 2654435761) >>> 24);
    const crcs = new BlockCrcs(bytes);
    crcs.update(bytes.length);
    expect(crcs.crcOf(13, 2_999_000)).toBe(crc32(bytes.subarray(13, 2_999_000)));
    expect(crcs.crcOf(0, bytes.length)).toBe(crc32(bytes));
  });

  it("refuses a block size that is not a positive integer", () => {
    expect(() => new BlockCrcs(new Uint8Array(4), 0)).toThrow(/blockSize/);
  });
});

describe("crc32Combine", () => {
  it("is the CRC-32 of the two ranges one after the other", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 3000 }),
        (a, b) => {
          const both = new Uint8Array(a.length + b.length);
          both.set(a);
          both.set(b, a.length);
          expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(both));
        },
      ),
      { numRuns: 200 },
    );
  });
});
