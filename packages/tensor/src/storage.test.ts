import { describe, expect, it } from "vitest";
import {
  allocate,
  allocateFloat32,
  allocateUnfilled,
  setUnfilledPoison,
  UNFILLED_MIN_BYTES,
} from "./storage.js";

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

describe("allocateUnfilled", () => {
  it("gives large arrays a buffer of their own, of every dtype, poisoned while the suite runs", () => {
    // vitest.config.ts starts every test process with KINDLING_POISON_UNFILLED=1
    const previous = setUnfilledPoison(true);
    expect(previous).toBe(true);
    try {
      const n = UNFILLED_MIN_BYTES / 4 + 3;
      const f32 = allocateUnfilled("float32", n) as Float32Array;
      expect(f32).toBeInstanceOf(Float32Array);
      expect(f32.length).toBe(n);
      expect(f32.buffer.byteLength).toBe(4 * n);
      expect(f32.every((v) => Number.isNaN(v))).toBe(true);
      const f64 = allocateUnfilled("float64", n) as Float64Array;
      expect(f64.every((v) => Number.isNaN(v))).toBe(true);
      const i64 = allocateUnfilled("int64", n) as BigInt64Array;
      expect(i64).toBeInstanceOf(BigInt64Array);
      expect(i64[n - 1]).toBe(0x5a5a5a5a5a5a5a5an);
      const bool = allocateUnfilled("bool", 4 * n) as Uint8Array;
      expect(bool).toBeInstanceOf(Uint8Array);
      expect(bool[0]).toBe(0x5a);
      // two arrays never share memory
      const other = allocateUnfilled("float32", n) as Float32Array;
      f32.fill(1);
      other.fill(2);
      expect(f32.every((v) => v === 1)).toBe(true);
    } finally {
      setUnfilledPoison(previous);
    }
  });

  it("gives small arrays as allocate does: zeroed, from the slab", () => {
    const previous = setUnfilledPoison(true);
    try {
      const small = allocateUnfilled("float32", 16) as Float32Array;
      expect(small.every((v) => v === 0)).toBe(true);
      expect(small.buffer.byteLength).toBeGreaterThan(64);
      const below = allocateUnfilled("float64", UNFILLED_MIN_BYTES / 8 - 1) as Float64Array;
      expect(below.every((v) => v === 0)).toBe(true);
    } finally {
      setUnfilledPoison(previous);
    }
  });
});
