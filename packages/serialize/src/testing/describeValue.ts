import { OrderedDict, PyFloat, PyTuple } from "../pickle/pyTypes.js";
import { isTensorData } from "../tensor/isTensorData.js";
import type { StorageArray, TensorData } from "../tensor/tensorData.js";

/** JSON-like description of a value, in the form scripts/torch/gen_serialize.py writes. */
export type Described = { type: string } & Record<string, unknown>;

/** The elements of `t` as nested arrays (numbers; booleans for bool; int64 as numbers). */
export function tensorValues(t: TensorData): unknown {
  const read = (i: number): unknown => {
    const x = t.storage[i]!;
    if (t.dtype === "bool") return x !== 0;
    return clean(Number(x));
  };
  const walk = (dim: number, at: number): unknown => {
    if (dim === t.shape.length) return read(at);
    const out: unknown[] = [];
    for (let k = 0; k < t.shape[dim]!; k++) out.push(walk(dim + 1, at + k * t.strides[dim]!));
    return out;
  };
  return walk(0, t.storageOffset);
}

function clean(x: number): number | string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

/** Describes `value` as gen_serialize.py's `describe` does (storages numbered by first use). */
export function describeValue(
  value: unknown,
  storages = new Map<StorageArray, number>(),
): Described {
  const d = (v: unknown) => describeValue(v, storages);
  if (isTensorData(value)) {
    if (!storages.has(value.storage)) storages.set(value.storage, storages.size);
    return {
      type: "tensor",
      dtype: value.dtype,
      shape: [...value.shape],
      stride: [...value.strides],
      offset: value.storageOffset,
      storage: storages.get(value.storage),
      requires_grad: value.requiresGrad === true,
      values: tensorValues(value),
    };
  }
  if (value instanceof OrderedDict) {
    const meta = value.attributes.get("_metadata");
    return {
      type: "OrderedDict",
      items: [...value].map(([k, v]) => [d(k), d(v)]),
      metadata: meta === undefined ? null : d(meta),
    };
  }
  if (value instanceof Map)
    return { type: "dict", items: [...value].map(([k, v]) => [d(k), d(v)]) };
  if (value instanceof Set) {
    const items = [...value].map(d);
    const order = (x: unknown) => pythonJson(x);
    return { type: "set", items: items.sort((a, b) => (order(a) < order(b) ? -1 : 1)) };
  }
  if (value instanceof Uint8Array) {
    return { type: "bytes", hex: [...value].map((b) => b.toString(16).padStart(2, "0")).join("") };
  }
  if (value instanceof PyTuple) return { type: "tuple", items: value.map(d) };
  if (Array.isArray(value)) return { type: "list", items: value.map(d) };
  if (typeof value === "boolean") return { type: "bool", value };
  if (typeof value === "bigint") return { type: "int", value: String(value) };
  if (value instanceof PyFloat) return { type: "float", value: clean(value.value) };
  if (typeof value === "number") {
    return Number.isInteger(value)
      ? { type: "int", value: String(value) }
      : { type: "float", value: clean(value) };
  }
  if (typeof value === "string") return { type: "str", value };
  if (value === null) return { type: "None" };
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return { type: "dict", items: Object.entries(value).map(([k, v]) => [d(k), d(v)]) };
  }
  throw new Error(`cannot describe ${String(value)}`);
}

/** `json.dumps(x)` as Python spells it (`", "` and `": "` separators), for sorting set items. */
function pythonJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(pythonJson).join(", ")}]`;
  if (typeof x === "object" && x !== null) {
    const entries = Object.entries(x).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`);
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(x);
}
