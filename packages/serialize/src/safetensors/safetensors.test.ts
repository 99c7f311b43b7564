import { describe, expect, it } from "vitest";
import { SerializeError } from "../errors.js";
import type { TensorData } from "../tensor/tensorData.js";
import { tensorValues } from "../testing/describeValue.js";
import { readSafetensors } from "./readSafetensors.js";
import { writeSafetensors } from "./writeSafetensors.js";

const f32 = (values: number[], shape = [values.length], strides = [1], offset = 0): TensorData => ({
  dtype: "float32",
  shape,
  strides,
  storageOffset: offset,
  storage: new Float32Array(values),
});

/** A file built by hand from the format description. */
function handMade(header: unknown, data: Uint8Array, headerLength?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, headerLength ?? json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof SerializeError) return error.code;
    throw error;
  }
  return "none";
}

describe("writeSafetensors / readSafetensors", () => {
  it("round trip dtypes, shapes, metadata; data aligned, header padded to 8 bytes", () => {
    const tensors = new Map<string, TensorData>([
      [
        "b",
        {
          dtype: "int8",
          shape: [3],
          strides: [1],
          storageOffset: 0,
          storage: new Int8Array([-1, 2, 3]),
        },
      ],
      ["a", f32([1, 2, 3, 4, 5, 6], [2, 3], [3, 1])],
      [
        "z",
        {
          dtype: "int64",
          shape: [],
          strides: [],
          storageOffset: 0,
          storage: new BigInt64Array([-5n]),
        },
      ],
      ["e", f32([], [0, 4], [4, 1])],
    ]);
    const bytes = writeSafetensors(tensors, { metadata: { format: "pt" } });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual({ format: "pt" });
    expect([...file.tensors.keys()]).toEqual(["z", "a", "e", "b"]);
    for (const [name, tensor] of tensors) {
      const back = file.tensors.get(name)!;
      expect(back.dtype).toBe(tensor.dtype);
      expect(back.shape).toEqual(tensor.shape);
      expect(tensorValues(back)).toEqual(tensorValues(tensor));
      expect(back.storage.buffer).toBe(bytes.buffer);
    }
  });

  it("writes views as the elements they view (transposed, offset, strided)", () => {
    const base = [0, 1, 2, 3, 4, 5];
    const tensors = new Map([
      ["t", f32(base, [3, 2], [1, 3])],
      ["col", f32(base, [2], [3], 1)],
      ["tail", f32(base, [2], [1], 4)],
    ]);
    const back = readSafetensors(writeSafetensors(tensors)).tensors;
    expect(tensorValues(back.get("t")!)).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(tensorValues(back.get("col")!)).toEqual([1, 4]);
    expect(tensorValues(back.get("tail")!)).toEqual([4, 5]);
  });

  it("reads a hand-made file and converts float16 and bfloat16 to float32 with a warning", () => {
    const data = new Uint8Array(new Uint16Array([0x3e00, 0xc000, 0x3fc0]).buffer); // 1.5, -2 (f16), 1.5 (bf16)
    const bytes = handMade(
      {
        h: { dtype: "F16", shape: [2], data_offsets: [0, 4] },
        b: { dtype: "BF16", shape: [1], data_offsets: [4, 6] },
      },
      data,
    );
    const warnings: string[] = [];
    const file = readSafetensors(bytes, { onWarning: (m) => warnings.push(m) });
    expect(file.tensors.get("h")!.dtype).toBe("float32");
    expect([...file.tensors.get("h")!.storage]).toEqual([1.5, -2]);
    expect([...file.tensors.get("b")!.storage]).toEqual([1.5]);
    expect(warnings).toHaveLength(2);
    expect(readSafetensors(bytes, { halfToFloat32: false }).tensors.get("h")!.dtype).toBe(
      "float16",
    );
  });

  it("refuses overlapping, out-of-range, gapped, mis-sized entries and absurd headers", () => {
    const data = new Uint8Array(8);
    const t = (offsets: number[], shape = [1], dtype = "F32") => ({
      dtype,
      shape,
      data_offsets: offsets,
    });
    expect(codeOf(() => readSafetensors(handMade({ a: t([0, 4]), b: t([4, 8]) }, data)))).toBe(
      "none",
    );
    expect(codeOf(() => readSafetensors(handMade({ a: t([0, 8], [2]), b: t([4, 8]) }, data)))).toBe(
      "BAD_SAFETENSORS",
    );
    expect(codeOf(() => readSafetensors(handMade({ a: t([4, 12], [2]) }, data)))).toBe(
      "OUT_OF_RANGE",
    );
    expect(codeOf(() => readSafetensors(handMade({ a: t([4, 8]) }, data)))).toBe("BAD_SAFETENSORS");
    expect(codeOf(() => readSafetensors(handMade({ a: t([0, 4]) }, data)))).toBe("BAD_SAFETENSORS");
    expect(codeOf(() => readSafetensors(handMade({ a: t([0, 8], [3]) }, data)))).toBe(
      "BAD_SAFETENSORS",
    );
    expect(codeOf(() => readSafetensors(handMade({ a: t([0, 8], [2], "C64") }, data)))).toBe(
      "UNSUPPORTED_DTYPE",
    );
    expect(
      codeOf(() => readSafetensors(handMade({ a: t([0, 8], [2 ** 60, 2 ** 60]) }, data))),
    ).toBe("BAD_SAFETENSORS");
    expect(codeOf(() => readSafetensors(handMade({ a: 1 }, data)))).toBe("BAD_SAFETENSORS");
    expect(
      codeOf(() => readSafetensors(handMade({ __metadata__: { x: 1 } }, new Uint8Array(0)))),
    ).toBe("BAD_SAFETENSORS");
    expect(codeOf(() => readSafetensors(handMade([], data)))).toBe("BAD_SAFETENSORS");
    expect(codeOf(() => readSafetensors(handMade({}, data, 1e9)))).toBe("TOO_LARGE");
    expect(codeOf(() => readSafetensors(handMade({}, data, 1e6)))).toBe("TRUNCATED");
    const huge = handMade({}, data);
    new DataView(huge.buffer).setUint32(4, 1, true);
    expect(codeOf(() => readSafetensors(huge))).toBe("TOO_LARGE");
    expect(codeOf(() => readSafetensors(new Uint8Array(5)))).toBe("TRUNCATED");
  });

  it("refuses non-string metadata and a tensor named __metadata__", () => {
    expect(() => writeSafetensors(new Map(), { metadata: { a: 1 as unknown as string } })).toThrow(
      SerializeError,
    );
    expect(() => writeSafetensors(new Map([["__metadata__", f32([1])]]))).toThrow(/__metadata__/);
  });
});
