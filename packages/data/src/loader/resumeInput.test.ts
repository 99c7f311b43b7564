import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { DataError } from "../dataErrors.js";
import { TensorDataset } from "../dataset/tensorDataset.js";
import { DataLoader } from "./dataLoader.js";

const loader = () =>
  new DataLoader(new TensorDataset(tensor([[1], [2], [3], [4]])), { batchSize: 2, shuffle: true });

describe("DataLoader.resume refuses a malformed position", () => {
  it("throws a DataError naming the missing fields for {}", () => {
    const make = () => loader().resume({} as never);
    expect(make).toThrow(DataError);
    expect(make).toThrow(/defaultState is not a Uint8Array.*batches is not a non-negative integer/);
  });

  it("throws a DataError for null", () => {
    expect(() => loader().resume(null as never)).toThrow(DataError);
    expect(() => loader().resume(null as never)).toThrow(/but got null/);
  });

  it("still resumes from a real position", () => {
    const l = loader();
    const it1 = l[Symbol.iterator]();
    it1.next();
    const position = l.position();
    expect(position).not.toBeNull();
    expect(() => l.resume(position!)).not.toThrow();
  });
});
