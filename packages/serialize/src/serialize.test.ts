import { describe, expect, it } from "vitest";
import { SerializeError } from "./errors.js";
import { OrderedDict, pyFloat, tuple } from "./pickle/pyTypes.js";
import { deserialize, serialize } from "./serialize.js";
import type { TensorData } from "./tensor/tensorData.js";
import { describeValue } from "./testing/describeValue.js";

const storage = new Float32Array([1, 2, 3, 4, 5, 6]);
const matrix: TensorData = {
  dtype: "float32",
  shape: [2, 3],
  strides: [3, 1],
  storageOffset: 0,
  storage,
};
const column: TensorData = {
  dtype: "float32",
  shape: [2],
  strides: [3],
  storageOffset: 2,
  storage,
};

describe("serialize / deserialize", () => {
  it("round trip a state dict in PyTorch's format, views sharing one storage", () => {
    const value = new OrderedDict<string, unknown>([
      ["matrix", matrix],
      ["column", column],
      ["steps", tensorOf("int64", new BigInt64Array([3n]))],
      ["params", { lr: pyFloat(1), betas: tuple(0.9, 0.999), list: [1, "a", null] }],
    ]);
    const bytes = serialize(value);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe("PK\x03\x04");
    const back = deserialize(bytes, { floats: "exact" }) as OrderedDict<string, TensorData>;
    expect(back).toBeInstanceOf(OrderedDict);
    expect(describeValue(back)).toEqual(describeValue(value));
    expect(back.get("matrix")!.storage).toBe(back.get("column")!.storage);
  });

  it("writes one storage record per distinct storage, also for two typed arrays over the same bytes", () => {
    const alias = new Float32Array(storage.buffer);
    const viaAlias: TensorData = { ...column, storage: alias };
    const bytes = serialize([matrix, viaAlias]);
    const names = new TextDecoder("latin1").decode(bytes).match(/archive\/data\/\d+/g) ?? [];
    expect(new Set(names)).toEqual(new Set(["archive/data/0"]));
    const other = { ...matrix, storage: new Float32Array(storage) };
    const two =
      new TextDecoder("latin1").decode(serialize([matrix, other])).match(/archive\/data\/\d+/g) ??
      [];
    expect(new Set(two)).toEqual(new Set(["archive/data/0", "archive/data/1"]));
  });

  it("refuses views of one storage as different dtypes, views outside their storage, bad storage types", () => {
    const asInt: TensorData = {
      dtype: "int32",
      shape: [1],
      strides: [1],
      storageOffset: 0,
      storage: new Int32Array(storage.buffer),
    };
    expect(() => serialize([matrix, asInt])).toThrow(/view the same data as different types/);
    expect(() => serialize({ bad: { ...column, storageOffset: 4 } })).toThrow(/reaches element/);
    expect(() => serialize({ bad: { ...matrix, storage: new Float64Array(6) } })).toThrow(
      /Float32Array/,
    );
  });

  it("writes safetensors when asked and detects it when reading", () => {
    const bytes = serialize(
      { matrix, column },
      { format: "safetensors", metadata: { format: "pt" } },
    );
    const back = deserialize(bytes) as Map<string, TensorData>;
    expect(describeValue(back.get("column"))).toMatchObject({ shape: [2], values: [3, 6] });
    expect(() => serialize({ n: 1 }, { format: "safetensors" })).toThrow(/tensors only/);
    expect(() => deserialize(bytes, { format: "pt" })).toThrow(SerializeError);
  });

  it("uses a custom asTensor adapter", () => {
    class Foreign {
      constructor(readonly data: Float32Array) {}
    }
    const adapt = (v: object): TensorData | undefined =>
      v instanceof Foreign
        ? {
            dtype: "float32",
            shape: [v.data.length],
            strides: [1],
            storageOffset: 0,
            storage: v.data,
          }
        : undefined;
    const back = deserialize(
      serialize({ w: new Foreign(new Float32Array([7])) }, { asTensor: adapt }),
    ) as Map<string, TensorData>;
    expect([...back.get("w")!.storage]).toEqual([7]);
  });

  it("refuses bytes of no known format, naming the legacy format", () => {
    expect(() => deserialize(new Uint8Array([1, 2, 3]))).toThrow(SerializeError);
    expect(() => deserialize(new Uint8Array([0x80, 2, 0x8a, 10]))).toThrow(/legacy/);
  });
});

function tensorOf(dtype: TensorData["dtype"], data: TensorData["storage"]): TensorData {
  return { dtype, shape: [], strides: [], storageOffset: 0, storage: data };
}
