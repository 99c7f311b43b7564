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
  | {
      readonly type: "scalar";
      /** The value; an integer beyond 2^53 is its exact decimal digits (see `bigInteger`). */
      readonly value: number | string | boolean | null;
      /** True when `value` holds the digits of an integer too large for a JS number. */
      readonly bigInteger?: true;
    }
  /** A value met again (pickles share objects through their memo): shown once, then referenced. */
  | { readonly type: "ref"; readonly path: string }
  /** What is left out once {@link MAX_NODES} nodes have been described. */
  | { readonly type: "truncated"; readonly omitted: string };

/**
 * The most nodes a description holds: a hostile file can share one object under itself many
 * times (a few hundred bytes expanding to billions of entries), so past this, entries are left out.
 */
export const MAX_NODES = 20_000;

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
    if (Number.isSafeInteger(n)) return { type: "scalar", value: n };
    return { type: "scalar", value: value.toString(), bigInteger: true };
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

/**
 * The description of a loaded checkpoint value (see {@link Described}). An object met a second
 * time is described as a reference to where it was first seen, and at most {@link MAX_NODES}
 * nodes are described, so the output stays proportional to the file, whatever it holds.
 */
export function describeValue(value: unknown): Described {
  const seen = new Map<object, string>();
  let budget = MAX_NODES;
  const walk = (v: unknown, path: string): Described => {
    if (typeof v === "object" && v !== null && !(v instanceof PyFloat) && !(v instanceof PyInt)) {
      const first = seen.get(v);
      if (first !== undefined) return { type: "ref", path: first === "" ? "(the root)" : first };
      seen.set(v, path);
    }
    budget--;
    if (isTensorLike(v)) {
      const shape = Array.from(v.shape, Number);
      return {
        type: "tensor",
        dtype: v.dtype,
        shape,
        elements: shape.reduce((a, b) => a * b, 1),
      };
    }
    const children = (entries: [string, unknown][], key: (k: string) => string) => {
      const out: [string, Described][] = [];
      for (const [k, child] of entries) {
        if (budget <= 0) {
          out.push(["…", { type: "truncated", omitted: `${entries.length - out.length} more` }]);
          break;
        }
        out.push([k, walk(child, key(k))]);
      }
      return out;
    };
    if (v instanceof Map) {
      const entries = [...v].map(([k, c]) => [keyText(k), c] as [string, unknown]);
      return {
        type: "dict",
        ordered: v instanceof OrderedDict,
        entries: children(entries, (k) => (path === "" ? k : `${path}.${k}`)),
      };
    }
    if (Array.isArray(v)) {
      const entries = v.map((c, i) => [String(i), c] as [string, unknown]);
      const items = children(entries, (i) => `${path}[${i}]`).map(([, d]) => d);
      return { type: "list", tuple: v instanceof PyTuple, items };
    }
    if (
      typeof v === "object" &&
      v !== null &&
      !(v instanceof PyFloat) &&
      !(v instanceof PyInt) &&
      !(v instanceof Uint8Array) &&
      Object.getPrototypeOf(v) === Object.prototype
    ) {
      return {
        type: "dict",
        ordered: false,
        entries: children(Object.entries(v), (k) => (path === "" ? k : `${path}.${k}`)),
      };
    }
    return scalar(v);
  };
  return walk(value, "");
}

/** The number of tensors and of their elements under `node`. */
export function countTensors(node: Described): { tensors: number; elements: number } {
  switch (node.type) {
    case "tensor":
      return { tensors: 1, elements: node.elements };
    case "scalar":
    case "ref":
    case "truncated":
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
