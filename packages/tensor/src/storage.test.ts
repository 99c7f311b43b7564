import { describe, expect, it } from "vitest";
import { allocate, allocateFloat32 } from "./storage.js";

describe("allocate", () => {
  it("gives zeroed, disjoint arrays, small ones carved from shared slabs", () => {
    const arrays = Array.from({ length: 300 }, (_, i) => allocateFloat32((i % 37) + 1));
    for (const a of arrays) {
      expect(Array.from(a).every((v) => v === 0)).toBe(true);
      a.fill(1);
    }
    // Writing every array did not touch any other: each still holds only its own ones.
    for (const a of arrays) expect(Array.from(a).every((v) => v === 1)).toBe(true);
    expect(arrays[0]!.buffer).toBe(arrays[1]!.buffer);
    expect(arrays[1]!.byteOffset % 16).toBe(0);
  });

  it("gives large arrays their own buffer, and every dtype its typed array", () => {
    const big = allocateFloat32(100_000);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(400_000);
    expect(allocate("float64", 3)).toBeInstanceOf(Float64Array);
    expect(allocate("int64", 3)).toBeInstanceOf(BigInt64Array);
    expect(allocate("bool", 3)).toBeInstanceOf(Uint8Array);
    expect(allocate("float32", 0).length).toBe(0);
  });
});
