import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "../serialize.js";
import type { TensorData } from "./tensorData.js";

describe("copy: true on a Node Buffer (what load reads from a file)", () => {
  it("gives each storage its own bytes, with the file's values", () => {
    const storage = new Uint8Array(5056).map((_, i) => (i * 7) % 251);
    const weights = new Float32Array([1.5, -2.25, 3]);
    const value = new Map<string, unknown>([
      ["rng_state", { dtype: "uint8", shape: [5056], strides: [1], storageOffset: 0, storage }],
      ["w", { dtype: "float32", shape: [3], strides: [1], storageOffset: 0, storage: weights }],
    ]);
    // A Buffer inside a larger pool, as fs.readFile and Buffer.concat may give.
    const bytes = serialize(value);
    const pool = Buffer.alloc(bytes.length + 100, 0xee);
    pool.set(bytes, 100);
    const file = pool.subarray(100);
    const back = deserialize<Map<string, unknown>>(file, { copy: true, tensors: "raw" });
    const rng = back.get("rng_state") as TensorData;
    expect(Buffer.from(rng.storage as Uint8Array).equals(Buffer.from(storage))).toBe(true);
    expect([...(back.get("w") as TensorData).storage]).toEqual([1.5, -2.25, 3]);
    // Owned memory: changing the file's bytes changes nothing loaded.
    file.fill(0);
    expect((rng.storage as Uint8Array)[1]).toBe(7);
    expect((rng.storage as Uint8Array).buffer).not.toBe(pool.buffer);
  });
});
