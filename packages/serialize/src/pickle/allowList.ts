import { check, SerializeError } from "../errors.js";
import type { SerialDType } from "../tensor/tensorData.js";
import { type CallContext, codecsEncode, pyBytearray, pyBytes, pySet } from "./builtinCalls.js";
import { OrderedDict, PyTuple, type PyValue, tuple } from "./pyTypes.js";
import { rebuildParameter, rebuildTensor } from "./rebuildTensor.js";

/** What an allow-listed global may do: be called by REDUCE, or name a storage type. */
export type AllowedGlobal =
  | {
      /** Called by REDUCE with the argument tuple. */
      readonly kind: "function";
      /**
       * Builds the value from the unpickled arguments; runs no code from the file. `context`
       * checks set items and bounds what is copied out of the arguments.
       */
      readonly call: (args: readonly unknown[], context: CallContext) => unknown;
    }
  | {
      /** A storage type (`torch.FloatStorage`, ...) named in a persistent id. */
      readonly kind: "storage";
      /** The element type it stands for. */
      readonly dtype: SerialDType;
    };

const STORAGE_TYPES: Readonly<Record<string, SerialDType>> = {
  DoubleStorage: "float64",
  FloatStorage: "float32",
  HalfStorage: "float16",
  BFloat16Storage: "bfloat16",
  LongStorage: "int64",
  IntStorage: "int32",
  ShortStorage: "int16",
  CharStorage: "int8",
  ByteStorage: "uint8",
  BoolStorage: "bool",
};

function orderedDict(args: readonly unknown[]): OrderedDict {
  const result = new OrderedDict();
  check(
    args.length <= 1,
    "BAD_PICKLE",
    () => `OrderedDict takes at most 1 argument, got ${args.length}`,
  );
  const [pairs] = args;
  if (pairs === undefined) return result;
  check(Array.isArray(pairs), "BAD_PICKLE", () => "OrderedDict's argument is not a list of pairs");
  for (const pair of pairs as readonly unknown[]) {
    check(
      pair instanceof PyTuple && pair.length === 2,
      "BAD_PICKLE",
      () => "OrderedDict's argument holds a non-pair",
    );
    result.set(pair[0] as PyValue, pair[1] as PyValue);
  }
  return result;
}

function torchSize(args: readonly unknown[]): PyTuple {
  const [sizes] = args;
  check(
    args.length === 1 && Array.isArray(sizes),
    "BAD_PICKLE",
    () => "torch.Size takes one sequence",
  );
  for (const size of sizes as readonly unknown[]) {
    check(
      typeof size === "number" && Number.isSafeInteger(size),
      "BAD_PICKLE",
      () => "torch.Size holds a non-integer",
    );
  }
  return tuple(...(sizes as PyValue[]));
}

/**
 * The globals a checkpoint may name, and nothing else: `collections.OrderedDict`, `torch.Size`,
 * the tensor and parameter rebuild functions of `torch._utils`, PyTorch's storage types
 * (`torch.FloatStorage`, ...), which only persistent ids may use, and the constructors protocol 2
 * (`torch.save`'s protocol) writes `set`, `frozenset`, `bytes` and `bytearray` with, each accepting
 * only the arguments that protocol gives it: `__builtin__.set(list)`,
 * `__builtin__.frozenset(list)` (both read as a `Set`), `_codecs.encode(str, 'latin1')`,
 * `__builtin__.bytes()` (empty bytes) and `__builtin__.bytearray()`, `(bytes)` or
 * `(str, 'latin-1')` (all read as a `Uint8Array`). Everything a state dict of a module, an
 * optimizer, a scheduler or a generator holds is covered.
 */
export const ALLOWED_GLOBALS: ReadonlyMap<string, AllowedGlobal> = new Map<string, AllowedGlobal>([
  ["collections.OrderedDict", { kind: "function", call: orderedDict }],
  ["torch.Size", { kind: "function", call: torchSize }],
  ["__builtin__.set", { kind: "function", call: pySet("set") }],
  ["__builtin__.frozenset", { kind: "function", call: pySet("frozenset") }],
  ["__builtin__.bytes", { kind: "function", call: pyBytes }],
  ["__builtin__.bytearray", { kind: "function", call: pyBytearray }],
  ["_codecs.encode", { kind: "function", call: codecsEncode }],
  [
    "torch._utils._rebuild_tensor",
    { kind: "function", call: (a) => rebuildTensor(a, "_rebuild_tensor") },
  ],
  [
    "torch._utils._rebuild_tensor_v2",
    { kind: "function", call: (a) => rebuildTensor(a, "_rebuild_tensor_v2") },
  ],
  [
    "torch._utils._rebuild_parameter",
    { kind: "function", call: (a) => rebuildParameter(a, "_rebuild_parameter") },
  ],
  [
    "torch._utils._rebuild_parameter_with_state",
    { kind: "function", call: (a) => rebuildParameter(a, "_rebuild_parameter_with_state") },
  ],
  ...Object.entries(STORAGE_TYPES).map(
    ([name, dtype]) => [`torch.${name}`, { kind: "storage", dtype }] as [string, AllowedGlobal],
  ),
]);

/** The allow-list entry of `module.name`, or a `FORBIDDEN_GLOBAL` error naming it. */
export function allowedGlobal(module: string, name: string): AllowedGlobal {
  const entry = ALLOWED_GLOBALS.get(`${module}.${name}`);
  if (entry === undefined) {
    throw new SerializeError(
      "FORBIDDEN_GLOBAL",
      `pickle refers to global '${module}.${name}', which is not allowed (only ${[...ALLOWED_GLOBALS.keys()].filter((k) => !k.endsWith("Storage")).join(", ")} and torch storage types)`,
    );
  }
  return entry;
}
