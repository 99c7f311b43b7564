import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gatherRows, type Units } from "./gatherRows.js";

type Kind = "float64" | "int32" | "uint8";
const make = (kind: Kind, length: number): Units =>
  kind === "float64"
    ? new Float64Array(length)
    : kind === "int32"
      ? new Int32Array(length)
      : new Uint8Array(length);

/** The obvious gather: row after row, element by element. */
function reference(src: Units, offset: number, rowLength: number, rows: Int32Array): number[] {
  const out: number[] = [];
  for (const r of rows) {
    for (let j = 0; j < rowLength; j++) out.push(src[offset + r * rowLength + j]!);
  }
  return out;
}

/** The bytes of a typed array, to compare bit patterns (NaN payloads included). */
const bytesOf = (a: Units) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe("gatherRows", () => {
  it("copies the rows asked for, in order, for every unit and row length", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Kind>("float64", "int32", "uint8"),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.nat(), { maxLength: 700 }),
        (kind, rowLength, rowCount, offset, picks) => {
          const src = make(kind, offset + rowCount * rowLength);
          for (let i = 0; i < src.length; i++) src[i] = (i * 37 + 11) % 251;
          const rows = Int32Array.from(picks, (p) => p % rowCount);
          const out = gatherRows(src, offset, rowLength, rows, make(kind, rows.length * rowLength));
          expect(Array.from(out)).toEqual(reference(src, offset, rowLength, rows));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("copies bit patterns, not values: NaN payloads and -0 arrive unchanged", () => {
    const rowsCount = 64;
    for (const rowLength of [1, 2, 3, 8, 40]) {
      const words = new Uint32Array(rowsCount * rowLength * 2);
      for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + 1, 2654435761) >>> 0;
      // Signalling and quiet NaNs with payloads, both signs, and -0, as float64 units.
      for (let i = 0; i < words.length; i += 6) words[i + 1] = 0x7ff00000 | (i & 0x800fffff);
      words[2] = 0;
      words[3] = 0x80000000;
      const src = new Float64Array(words.buffer);
      const rows = Int32Array.from({ length: 3 * rowsCount }, (_, k) => (k * 29) % rowsCount);
      const out = gatherRows(src, 0, rowLength, rows, new Float64Array(rows.length * rowLength));
      const expected = new Uint32Array(rows.length * rowLength * 2);
      for (const [k, r] of rows.entries()) {
        expected.set(words.subarray(2 * r * rowLength, 2 * (r + 1) * rowLength), 2 * k * rowLength);
      }
      expect(bytesOf(out)).toEqual(Array.from(new Uint8Array(expected.buffer)));
    }
  });

  it("leaves `out` as it is for no rows or empty rows", () => {
    const out = new Int32Array(0);
    expect(gatherRows(new Int32Array(4), 0, 2, new Int32Array(0), out)).toBe(out);
    expect(gatherRows(new Int32Array(4), 0, 0, Int32Array.of(1, 0), out)).toBe(out);
  });
});
