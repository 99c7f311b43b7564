import { fromTypedArray } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { batchStorage } from "./batchStorage.js";
import { TensorDataset } from "./tensorDataset.js";

describe("batch storage", () => {
  it("carves small batches from a shared slab, apart, zeroed and 16-byte aligned", () => {
    const like = new Float64Array(0);
    const batches = Array.from({ length: 40 }, (_, i) => batchStorage(like, 100 + i));
    const shared = new Set(batches.map((b) => b.buffer));
    expect(shared.size).toBeLessThan(batches.length);
    for (const [i, b] of batches.entries()) {
      expect(b.length).toBe(100 + i);
      expect(b.byteOffset % 16).toBe(0);
      expect(b.every((v) => v === 0)).toBe(true);
      b.fill(i + 1);
    }
    // no batch overlaps another
    for (const [i, b] of batches.entries()) expect(b.every((v) => v === i + 1)).toBe(true);
    expect(batchStorage(new Int32Array(0), 7)).toBeInstanceOf(Int32Array);
    expect(batchStorage(new Uint8Array(0), 7)).toBeInstanceOf(Uint8Array);
  });

  it("gives a batch above 64 KiB its own buffer", () => {
    const big = batchStorage(new Float64Array(0), 8193);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(8193 * 8);
  });

  it("keeps the batches of a TensorDataset apart: an in-place change shows in one only", () => {
    const x = fromTypedArray(
      Float32Array.from({ length: 64 * 3 }, (_, i) => i),
      [64, 3],
    );
    const y = fromTypedArray(
      BigInt64Array.from({ length: 64 }, (_, i) => BigInt(i)),
      [64],
    );
    const ds = new TensorDataset(x, y);
    const [x1, y1] = ds.getItems(Int32Array.of(0, 1));
    const [x2, y2] = ds.getItems(Int32Array.of(2, 3));
    x1!.add_(100);
    expect(x1!.toArray()).toEqual([
      [100, 101, 102],
      [103, 104, 105],
    ]);
    expect(x2!.toArray()).toEqual([
      [6, 7, 8],
      [9, 10, 11],
    ]);
    expect(y1!.toArray()).toEqual([0, 1]);
    expect(y2!.toArray()).toEqual([2, 3]);
    expect((x1!.toTypedArray() as Float32Array).length).toBe(6);
  });
});
