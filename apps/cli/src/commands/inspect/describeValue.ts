import { OrderedDict, PyFloat, PyInt, PyTuple } from "@kindling/serialize";

/**
 * A loaded value, described for display: tensors by dtype and shape (never their elements), dicts
 * and lists by their entries, and scalars by value.
 */
export type Described =
  | {
      readonly type: "tensor";
      readonly dtype: string;
      readonly shape: number[];
      readonly elements: number;
    }
  | { readonly type: "dict"; readonly ordered: boolean; readonly entries: [string, Described][] }
  | { readonly type: "list"; readonly tuple: boolean; readonly items: Described[] }
  | { readonly type: "scalar"; readonly value: number | string | boolean | null };

/**
 * True for a tensor, whatever form loading gives it: a Kindling `Tensor` or a raw TensorData
 * record (`{dtype, shape, strides, storage}`); both have a `shape` list and a `dtype` name.
 */
export function isTensorLike(value: unknown): value is { dtype: string; shape: ArrayLike<number> } {
  if (typeof value !== "object" || value === null) return false;
  const { shape, dtype } = value as { shape?: unknown; dtype?: unknown };
  return typeof dtype === "string" && (Array.isArray(shape) || ArrayBuffer.isView(shape));
}

function scalar(value: unknown): Described {
  if (value instanceof PyFloat) return { type: "scalar", value: value.value };
  if (value instanceof PyInt) return scalar(value.value);
  if (typeof value === "bigint") {
    const n = Number(value);
    return { type: "scalar", value: Number.isSafeInteger(n) ? n : value.toString() };
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return { type: "scalar", value };
  }
  if (value === null || value === undefined) return { type: "scalar", value: null };
  if (value instanceof Uint8Array) return { type: "scalar", value: `<${value.length} bytes>` };
  return { type: "scalar", value: `<${(value as object).constructor?.name ?? typeof value}>` };
}

/** A dict key as text: Python ints, floats and strings by value. */
function keyText(key: unknown): string {
  const described = scalar(key);
  return described.type === "scalar" ? String(described.value) : String(key);
}

/** The description of a loaded checkpoint value (see {@link Described}). */
export function describeValue(value: unknown): Described {
  if (isTensorLike(value)) {
    const shape = Array.from(value.shape, Number);
    return {
      type: "tensor",
      dtype: value.dtype,
      shape,
      elements: shape.reduce((a, b) => a * b, 1),
    };
  }
  if (value instanceof Map) {
    return {
      type: "dict",
      ordered: value instanceof OrderedDict,
      entries: [...value].map(([k, v]) => [keyText(k), describeValue(v)]),
    };
  }
  if (Array.isArray(value)) {
    return { type: "list", tuple: value instanceof PyTuple, items: value.map(describeValue) };
  }
  if (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof PyFloat) &&
    !(value instanceof PyInt) &&
    !(value instanceof Uint8Array) &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return {
      type: "dict",
      ordered: false,
      entries: Object.entries(value).map(([k, v]) => [k, describeValue(v)]),
    };
  }
  return scalar(value);
}

/** The number of tensors and of their elements under `node`. */
export function countTensors(node: Described): { tensors: number; elements: number } {
  switch (node.type) {
    case "tensor":
      return { tensors: 1, elements: node.elements };
    case "scalar":
      return { tensors: 0, elements: 0 };
    default: {
      const children = node.type === "dict" ? node.entries.map(([, v]) => v) : node.items;
      return children
        .map(countTensors)
        .reduce((a, b) => ({ tensors: a.tensors + b.tensors, elements: a.elements + b.elements }), {
          tensors: 0,
          elements: 0,
        });
    }
  }
}

/** What a dict is, recognised by its keys: a model, optimizer or scheduler state dict. */
export type Role = "model state dict" | "optimizer state dict" | "scheduler state dict";

/** The role of `node` in a checkpoint, when it is one of the state dicts PyTorch saves. */
export function roleOf(node: Described): Role | undefined {
  if (node.type !== "dict" || node.entries.length === 0) return undefined;
  const keys = new Set(node.entries.map(([k]) => k));
  if (keys.has("state") && keys.has("param_groups")) return "optimizer state dict";
  if (keys.has("last_epoch") || keys.has("_last_lr") || keys.has("base_lrs")) {
    return "scheduler state dict";
  }
  // A module's state dict is an OrderedDict of tensors under dotted names; an optimizer's
  // per-parameter state (`{step, exp_avg}`) is a plain dict of tensors under plain names.
  const tensorsOnly = node.entries.every(([, v]) => v.type === "tensor");
  if (tensorsOnly && (node.ordered || [...keys].some((k) => k.includes(".")))) {
    return "model state dict";
  }
  return undefined;
}
