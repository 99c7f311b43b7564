import {
  fromTypedArray,
  Generator,
  getRngState,
  manualSeed,
  type Storage,
  type Tensor,
} from "@kindling/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../dataset/dataset.js";
import { randomSplit } from "../dataset/randomSplit.js";
import { Subset } from "../dataset/subset.js";
import { TensorDataset } from "../dataset/tensorDataset.js";
import { RandomSampler } from "../sampler/randomSampler.js";
import { defaultCollate } from "./collate.js";
import { DataLoader, type DataLoaderOptions } from "./dataLoader.js";

type DType = "float32" | "float64" | "int64" | "bool";

/** A contiguous tensor of `shape` and `dtype` whose elements depend on `salt`, bits all over. */
function column(dtype: DType, shape: number[], salt: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const words = new Uint32Array(dtype === "float32" ? n : 2 * n);
  for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + salt, 2654435761) >>> 8;
  let data: Storage;
  if (dtype === "float32") data = new Float32Array(words.buffer);
  else if (dtype === "float64") data = new Float64Array(words.buffer);
  else if (dtype === "int64") data = new BigInt64Array(words.buffer);
  else data = Uint8Array.from({ length: n }, (_, i) => (words[i]! >> 3) & 1);
  return fromTypedArray(data, shape);
}

/** What a batch is made of, down to the bits: dtype, shape and element bytes of each tensor. */
function describeBatch(batch: unknown): unknown {
  return (batch as Tensor[]).map((t) => {
    const data = t.toTypedArray();
    return {
      dtype: t.dtype,
      shape: [...t.shape],
      bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("hex"),
    };
  });
}

/** The elements of a float tensor. */
const floats = (t: Tensor) => Array.from(t.toTypedArray() as Float32Array);

/** Two passes of `loader`, described, and the default generator's state after them. */
function twoPasses(loader: DataLoader<Tensor[], unknown>): { passes: unknown[][]; after: string } {
  const passes = [0, 1].map(() => [...loader].map(describeBatch));
  return { passes, after: Buffer.from(getRngState()).toString("hex") };
}

/** The same pass through the fast path (no collateFn) and the general one (defaultCollate). */
function bothPaths(
  dataset: Dataset<Tensor[]>,
  options: DataLoaderOptions<Tensor[], unknown>,
  seed: number,
  loaderSeed: number | null,
) {
  const run = (extra: DataLoaderOptions<Tensor[], unknown>) => {
    manualSeed(seed);
    const generator =
      loaderSeed === null ? {} : { generator: new Generator().manualSeed(loaderSeed) };
    return twoPasses(new DataLoader(dataset, { ...options, ...generator, ...extra }));
  };
  return { fast: run({}), general: run({ collateFn: defaultCollate }) };
}

const rowShapes: number[][] = [[], [1], [2], [3], [5], [16], [2, 3], [70]];
const dtypes: DType[] = ["float32", "float64", "int64", "bool"];

describe("DataLoader's fast path (batched access) against the general path (item by item)", () => {
  it("gives the same batches, in the same order, and draws the same random numbers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.constantFrom(...dtypes), fc.constantFrom(...rowShapes)), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 1, max: 70 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("whole", "split", "subset"),
        fc.option(fc.nat(1000)),
        fc.nat(1000),
        (n, columns, batchSize, dropLast, shuffle, view, loaderSeed, seed) => {
          const ds = new TensorDataset(
            ...columns.map(([dtype, rowShape], c) => column(dtype, [n, ...rowShape], c * 7 + 1)),
          );
          let dataset: Dataset<Tensor[]> = ds;
          if (view === "split") {
            manualSeed(seed + 1);
            dataset = randomSplit(ds, [Math.ceil(n / 2), Math.floor(n / 2)])[0]!;
          } else if (view === "subset") {
            dataset = new Subset(
              ds,
              Array.from({ length: n + 3 }, (_, k) => (k * 13 + seed) % n),
            );
          }
          const { fast, general } = bothPaths(
            dataset,
            { batchSize, dropLast, shuffle },
            seed,
            loaderSeed,
          );
          expect(fast).toEqual(general);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("matches across run boundaries: sequential runs of 65536, several permutations, replacement", () => {
    const n = 70_000;
    const ds = new TensorDataset(column("float32", [n, 3], 5), column("int64", [n], 9));
    const sequential = bothPaths(ds, { batchSize: 1007 }, 3, null);
    expect(sequential.fast).toEqual(sequential.general);
    const small = new TensorDataset(column("float32", [10, 2], 1));
    for (const replacement of [false, true]) {
      for (const batchSize of [3, 4, 10, 64]) {
        const sampler = new RandomSampler(small, { numSamples: 75, replacement });
        const { fast, general } = bothPaths(small, { batchSize, sampler }, 4, null);
        expect(fast).toEqual(general);
      }
    }
  });

  it("reads the tensors when batching, so in-place changes show, as through getItem", () => {
    const x = column("float32", [6, 2], 3);
    const ds = new TensorDataset(x);
    (x.storage as Float32Array)[5] = 42;
    const [batch] = ds.getItems([2, 0]);
    expect(floats(batch!)).toEqual([...floats(ds.getItem(2)[0]!), ...floats(ds.getItem(0)[0]!)]);
    expect(batch!.toTypedArray()[1]).toBe(42);
  });

  it("batches views with a storage offset, strided tensors and tensors that require grad", () => {
    const base = column("float32", [9, 3], 2);
    const shifted = base.narrow(0, 1, 8); // contiguous, offset by 3 floats (not 8-byte aligned)
    const strided = column("float64", [3, 8], 4).t(); // [8, 3], not contiguous
    const leaf = column("float32", [8, 2], 6);
    leaf.requiresGrad = true;
    const ds = new TensorDataset(shifted, strided, leaf);
    const indices = [7, 0, 3, 3, -1];
    const batch = ds.getItems(indices);
    const general = defaultCollate(indices.map((i) => ds.getItem(i))) as Tensor[];
    expect(describeBatch(batch)).toEqual(describeBatch(general.map((t) => t.detach())));
    expect(batch[2]!.requiresGrad).toBe(true);
    expect(batch[0]!.requiresGrad).toBe(false);
  });

  it("takes indices as any array-like, leaves them unchanged and names one out of range", () => {
    const ds = new TensorDataset(column("float32", [5, 2], 8), column("int64", [5], 3));
    const typed = Int32Array.of(2, -1, 0);
    expect(describeBatch(ds.getItems(typed))).toEqual(describeBatch(ds.getItems([2, 4, 0])));
    expect(Array.from(typed)).toEqual([2, -1, 0]);
    expect(describeBatch(ds.getItems(Float64Array.of(3, 1)))).toEqual(
      describeBatch(ds.getItems([3, 1])),
    );
    expect(() => ds.getItems(Int32Array.of(1, 5))).toThrow(/index 5 is out of range.*length 5/);
    expect(() => ds.getItems([0.5])).toThrow(/index 0.5/);
  });

  it("reads a TensorDataset subclass that overrides getItem item by item", () => {
    class Doubled extends TensorDataset {
      override getItem(index: number): Tensor[] {
        return super.getItem(index).map((t) => t.mul(2));
      }
    }
    const ds = new Doubled(fromTypedArray(Float32Array.of(1, 2, 3, 4, 5), [5]));
    const loader = new DataLoader(ds, { batchSize: 2 });
    expect([...loader].map((b) => floats(b[0]!))).toEqual([[2, 4], [6, 8], [10]]);
    const sub = new DataLoader(new Subset(ds, [4, 0]), { batchSize: 2 });
    expect([...sub].map((b) => floats(b[0]!))).toEqual([[10, 2]]);
  });

  it("resumes mid-pass through the fast path with the batches of an uninterrupted pass", () => {
    const ds = new TensorDataset(column("float32", [103, 4], 1), column("int64", [103, 1], 2));
    const make = () => new DataLoader(ds, { batchSize: 10, shuffle: true });
    manualSeed(5);
    const whole = [...make()].map(describeBatch);
    manualSeed(5);
    const loader = make();
    const it = loader[Symbol.iterator]();
    const seen = [0, 1, 2].map(() => describeBatch(it.next().value));
    const position = loader.position()!;
    const state = getRngState();
    const rest = make().resume(position);
    expect(Buffer.from(getRngState())).toEqual(Buffer.from(state));
    for (let step = rest.next(); !step.done; step = rest.next())
      seen.push(describeBatch(step.value));
    expect(seen).toEqual(whole);
  });
});
