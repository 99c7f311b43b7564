import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SerializeError } from "../errors.js";
import { crc32 } from "./crc32.js";
import { readZip } from "./zipReader.js";
import { concatParts, writeZip, zipPartsDeferred } from "./zipWriter.js";

const text = (s: string) => new TextEncoder().encode(s);
const records = [
  { name: "archive/data.pkl", data: text("pickle bytes") },
  { name: "archive/data/0", data: Uint8Array.from({ length: 100 }, (_, i) => i) },
  { name: "archive/version", data: text("3\n") },
];

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof SerializeError) return error.code;
    throw error;
  }
  return "none";
}

describe("writeZip and readZip", () => {
  it("zipPartsDeferred: zero CRC-32s until complete(), then writeZip's bytes; complete() names the headers it filled", () => {
    const record = fc.record({
      name: fc.stringMatching(/^[a-z0-9_][a-z0-9_.]{0,11}$/),
      data: fc.uint8Array({ maxLength: 300 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(record, { selector: (r) => r.name, maxLength: 6 }),
        fc.boolean(),
        (recs, forceZip64) => {
          const named = recs.map((r) => ({ name: `archive/${r.name}`, data: r.data }));
          const deferred = zipPartsDeferred(named, { forceZip64 });
          for (const entry of readZip(concatParts(deferred.parts), { verifyCrc: false }).values()) {
            expect(entry.crc32).toBe(0);
          }
          const changed = deferred.complete();
          expect(concatParts(deferred.parts)).toEqual(writeZip(named, { forceZip64 }));
          expect(changed).toEqual([...named.map((_, i) => 2 * i), deferred.parts.length - 1]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("round trip, every record's data 64-byte aligned, as zero-copy views", () => {
    const bytes = writeZip(records);
    const entries = readZip(bytes);
    expect([...entries.keys()]).toEqual(records.map((r) => r.name));
    for (const record of records) {
      const entry = entries.get(record.name)!;
      expect(entry.dataOffset % 64).toBe(0);
      expect([...entry.data]).toEqual([...record.data]);
      expect(entry.data.buffer).toBe(bytes.buffer);
      expect(entry.crc32).toBe(crc32(record.data));
    }
  });

  it("pads with PyTorch's FB extra field of Z bytes", () => {
    const bytes = writeZip([records[0]!]);
    const nameEnd = 30 + records[0]!.name.length;
    expect(String.fromCharCode(bytes[nameEnd]!, bytes[nameEnd + 1]!)).toBe("FB");
    expect(bytes[nameEnd + 4]).toBe(0x5a);
  });

  it("writes zip64 records when forced, and reads them", () => {
    const bytes = writeZip(records, { forceZip64: true });
    const entries = readZip(bytes);
    for (const record of records) {
      expect(entries.get(record.name)!.dataOffset % 64).toBe(0);
      expect([...entries.get(record.name)!.data]).toEqual([...record.data]);
    }
    expect(bytes.length).toBeGreaterThan(writeZip(records).length);
  });

  it("reads an empty archive", () => {
    expect(readZip(writeZip([])).size).toBe(0);
  });

  it("refuses a bad CRC, naming the entry", () => {
    const bytes = writeZip(records);
    const entry = readZip(bytes).get("archive/data/0")!;
    bytes[entry.dataOffset + 5]! ^= 1;
    expect(() => readZip(bytes)).toThrow(/'archive\/data\/0' has CRC-32/);
    expect(codeOf(() => readZip(bytes))).toBe("CRC_MISMATCH");
    expect(readZip(bytes, { verifyCrc: false }).size).toBe(3);
  });

  it("refuses duplicate names, unsafe paths and compression", () => {
    expect(codeOf(() => readZip(writeZip([records[0]!, records[0]!])))).toBe("BAD_ZIP");
    for (const name of ["../evil", "/abs", "a\\b", "C:/x", "a/../../b"]) {
      expect(() => readZip(writeZip([{ name, data: text("x") }]))).toThrow(
        /not a safe relative path/,
      );
    }
    const bytes = writeZip([records[0]!]);
    const view = new DataView(bytes.buffer);
    view.setUint16(8, 8, true); // local header method: deflate
    const central = bytes.length - 22 - 46 - records[0]!.name.length;
    view.setUint16(central + 10, 8, true);
    expect(() => readZip(bytes)).toThrow(/compression method 8 \(deflate\)/);
  });

  it("refuses truncation and a missing end record", () => {
    const bytes = writeZip(records);
    for (const n of [0, 10, 21, bytes.length - 1, bytes.length - 30]) {
      expect(codeOf(() => readZip(bytes.subarray(0, n)))).not.toBe("none");
    }
    expect(codeOf(() => readZip(text("not a zip at all, not at all")))).toBe("BAD_ZIP");
  });

  it("refuses a directory that points outside the file", () => {
    const bytes = writeZip(records);
    const view = new DataView(bytes.buffer);
    view.setUint32(bytes.length - 22 + 16, bytes.length, true); // central directory offset
    expect(codeOf(() => readZip(bytes))).toBe("OUT_OF_RANGE");
  });

  it("refuses entries whose data overlap", () => {
    const bytes = writeZip([records[1]!, { name: "b", data: new Uint8Array(100) }]);
    const view = new DataView(bytes.buffer);
    // make the second central entry point at the first local header, renamed to match
    const centralStart = view.getUint32(bytes.length - 22 + 16, true);
    const second = centralStart + 46 + records[1]!.name.length;
    view.setUint32(second + 42, 0, true);
    expect(codeOf(() => readZip(bytes))).toBe("BAD_ZIP");
  });
});
