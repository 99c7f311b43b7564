import { SerializeError } from "../errors.js";
import type { TensorData } from "../tensor/tensorData.js";
import { ByteSink } from "./byteSink.js";
import { OP } from "./opcodes.js";
import { pickleEntries } from "./optimizerStateKeys.js";
import { OrderedDict, PyFloat, PyInt, PyTuple } from "./pyTypes.js";

/** How a {@link PickleWriter} recognises and writes tensors; the .pt layer supplies it. */
export interface TensorPickling {
  /** The tensor `value` is, or undefined when it is no tensor. */
  readonly asTensor: (value: object) => TensorData | undefined;
  /** Writes `tensor` (as `torch._utils._rebuild_tensor_v2(...)`) through `writer`. */
  readonly write: (tensor: TensorData, writer: PickleWriter) => void;
}

/** Options of {@link PickleWriter}. */
export interface PickleWriterOptions {
  /** Tensor support; without it tensors are refused. */
  readonly tensors?: TensorPickling;
  /** Deepest nesting of containers accepted (default 1000). */
  readonly maxDepth?: number;
}

const BATCH = 1000;
/** TUPLE1, TUPLE2, TUPLE3 by item count. */
const SMALL_TUPLE: readonly (number | undefined)[] = [undefined, OP.TUPLE1, OP.TUPLE2, OP.TUPLE3];
const encoder = new TextEncoder();

/**
 * A pickler for protocol 2, the protocol `torch.save` uses, writing the opcodes CPython's pickler
 * writes for the same values (so PyTorch's `weights_only` unpickler accepts them): dicts, lists,
 * tuples, strings, ints (arbitrary size), floats, bools, None, `collections.OrderedDict` with its
 * attributes, `Set`s (as `__builtin__.set(list)`; their items must be hashable: primitives,
 * {@link PyFloat}, {@link PyInt} or tuples of these), `Uint8Array`s (as `bytes`:
 * `_codecs.encode(latin-1 str, 'latin1')`, or `__builtin__.bytes()` when empty), and tensors
 * through {@link TensorPickling}. Containers and tensors met twice are
 * written once and referenced (memo), so shared objects stay shared.
 *
 * Numbers: a safe integer is written as an `int` and every other number (fractions, `-0`, NaN,
 * infinities, magnitudes beyond 2^53) as a `float`; {@link PyFloat} and {@link PyInt} force
 * either; a `bigint` is an int.
 *
 * Keys: a plain object's keys are strings, with one exception: in an optimizer state dict (a
 * plain object of exactly `state` and `param_groups`, `state` keyed by parameter indices, as
 * @kindling/optim's `stateDict()` gives it) the `state` keys are written as ints, as
 * `torch.optim` needs them (with str keys, `load_state_dict` silently drops that state).
 */
export class PickleWriter {
  private readonly sink = new ByteSink();
  private readonly memo = new Map<unknown, number>();
  private readonly inProgress = new Set<object>();
  private readonly tensors: TensorPickling | undefined;
  private readonly maxDepth: number;
  private depth = 0;

  /** A writer with `options`. */
  constructor(options: PickleWriterOptions = {}) {
    this.tensors = options.tensors;
    this.maxDepth = options.maxDepth ?? 1000;
  }

  /** The pickle of `value`: `PROTO 2`, the value, `STOP`. */
  static dumps(value: unknown, options: PickleWriterOptions = {}): Uint8Array {
    const writer = new PickleWriter(options);
    writer.op(OP.PROTO);
    writer.sink.byte(2);
    writer.value(value);
    writer.op(OP.STOP);
    return writer.sink.result();
  }

  /** Writes one opcode byte. */
  op(code: number): void {
    this.sink.byte(code);
  }

  /** Writes `module.name` as a GLOBAL, or a reference to the same global written before. */
  global(module: string, name: string): void {
    const key = `global:${module}\n${name}`;
    if (this.get(key)) return;
    this.op(OP.GLOBAL);
    this.sink.append(encoder.encode(`${module}\n${name}\n`));
    this.put(key);
  }

  /** Writes a string as BINUNICODE (UTF-8). */
  str(value: string): void {
    const bytes = encoder.encode(value);
    this.op(OP.BINUNICODE);
    this.sink.uint32(bytes.length);
    this.sink.append(bytes);
  }

  /** Writes an int with the shortest encoding CPython uses (BININT1/2, BININT, LONG1, LONG4). */
  int(value: number | bigint): void {
    if (typeof value === "number" && Number.isSafeInteger(value)) {
      if (value >= 0 && value < 0x100) {
        this.op(OP.BININT1);
        this.sink.byte(value);
        return;
      }
      if (value >= 0 && value < 0x10000) {
        this.op(OP.BININT2);
        this.sink.uint16(value);
        return;
      }
      if (value >= -0x80000000 && value < 0x80000000) {
        this.op(OP.BININT);
        this.sink.int32(value);
        return;
      }
    }
    const bytes = encodeLong(BigInt(value));
    if (bytes.length < 0x100) {
      this.op(OP.LONG1);
      this.sink.byte(bytes.length);
    } else {
      this.op(OP.LONG4);
      this.sink.uint32(bytes.length);
    }
    this.sink.append(bytes);
  }

  /** Writes a float as BINFLOAT. */
  float(value: number): void {
    this.op(OP.BINFLOAT);
    this.sink.float64BigEndian(value);
  }

  /** Writes a tuple of `items` (EMPTY_TUPLE, TUPLE1-3 or MARK ... TUPLE). */
  tuple(items: readonly unknown[]): void {
    if (items.length === 0) {
      this.op(OP.EMPTY_TUPLE);
      return;
    }
    if (items.length > 3) this.op(OP.MARK);
    for (const item of items) this.value(item);
    this.op(SMALL_TUPLE[items.length] ?? OP.TUPLE);
  }

  /** Writes any supported value (see the class documentation). */
  value(value: unknown): void {
    switch (typeof value) {
      case "number":
        if (Number.isSafeInteger(value) && !Object.is(value, -0)) this.int(value);
        else this.float(value);
        return;
      case "bigint":
        this.int(value);
        return;
      case "string":
        this.str(value);
        return;
      case "boolean":
        this.op(value ? OP.NEWTRUE : OP.NEWFALSE);
        return;
      case "object":
        if (value === null) this.op(OP.NONE);
        else this.object(value);
        return;
      default:
        throw new SerializeError(
          "UNSUPPORTED_VALUE",
          `cannot pickle a value of type ${typeof value}`,
        );
    }
  }

  /** Writes a memo reference to `key` when it was memoized; true when it did. */
  get(key: unknown): boolean {
    const index = this.memo.get(key);
    if (index === undefined) return false;
    if (index < 0x100) {
      this.op(OP.BINGET);
      this.sink.byte(index);
    } else {
      this.op(OP.LONG_BINGET);
      this.sink.uint32(index);
    }
    return true;
  }

  /** Memoizes the value on top of the stack under `key` (BINPUT / LONG_BINPUT). */
  put(key: unknown): void {
    const index = this.memo.size;
    this.memo.set(key, index);
    if (index < 0x100) {
      this.op(OP.BINPUT);
      this.sink.byte(index);
    } else {
      this.op(OP.LONG_BINPUT);
      this.sink.uint32(index);
    }
  }

  private object(value: object): void {
    if (value instanceof PyFloat) {
      this.float(value.value);
      return;
    }
    if (value instanceof PyInt) {
      this.int(value.value);
      return;
    }
    if (this.get(value)) return;
    if (this.inProgress.has(value)) {
      throw new SerializeError(
        "UNSUPPORTED_VALUE",
        "cannot pickle a tuple or tensor that contains itself",
      );
    }
    if (++this.depth > this.maxDepth) {
      throw new SerializeError("TOO_DEEP", `values nest deeper than ${this.maxDepth} levels`);
    }
    this.inProgress.add(value);
    const tensor = this.tensors?.asTensor(value);
    if (tensor !== undefined) {
      this.tensors!.write(tensor, this);
      this.put(value);
    } else if (value instanceof PyTuple) {
      this.tuple(value);
      this.put(value);
    } else if (value instanceof Uint8Array) {
      this.bytes(value);
    } else if (value instanceof Set) {
      this.set(value);
    } else if (Array.isArray(value)) {
      this.op(OP.EMPTY_LIST);
      this.put(value);
      this.inProgress.delete(value);
      this.batched(value, (item) => this.value(item), OP.APPEND, OP.APPENDS);
    } else if (value instanceof OrderedDict) {
      this.orderedDict(value);
    } else if (value instanceof Map) {
      this.op(OP.EMPTY_DICT);
      this.put(value);
      this.inProgress.delete(value);
      this.items(value.entries());
    } else if (isPlainObject(value)) {
      this.op(OP.EMPTY_DICT);
      this.put(value);
      this.inProgress.delete(value);
      this.items(pickleEntries(value));
    } else {
      const name = value.constructor?.name ?? "object";
      throw new SerializeError(
        "UNSUPPORTED_VALUE",
        `cannot pickle a ${name}: only tensors, arrays, tuples, Maps, Sets, Uint8Arrays, plain objects and primitives are supported`,
      );
    }
    this.inProgress.delete(value);
    this.depth--;
  }

  /** `bytes` as protocol 2 writes it: `bytes()` when empty, else `_codecs.encode(str, 'latin1')`. */
  private bytes(value: Uint8Array): void {
    if (value.length === 0) {
      this.global("__builtin__", "bytes");
      this.op(OP.EMPTY_TUPLE);
    } else {
      this.global("_codecs", "encode");
      this.op(OP.BINUNICODE);
      const utf8 = latin1AsUtf8(value);
      this.sink.uint32(utf8.length);
      this.sink.append(utf8);
      this.str("latin1");
      this.op(OP.TUPLE2);
    }
    this.op(OP.REDUCE);
    this.put(value);
  }

  /** A `Set` as protocol 2 writes a `set`: `__builtin__.set([items])`. */
  private set(value: ReadonlySet<unknown>): void {
    const items = [...value];
    for (const item of items) {
      if (!isHashable(item)) {
        throw new SerializeError(
          "UNSUPPORTED_VALUE",
          "cannot pickle a Set holding an unhashable value: set items must be primitives, PyFloat, PyInt or tuples of these",
        );
      }
    }
    this.global("__builtin__", "set");
    this.op(OP.EMPTY_LIST);
    this.put(items);
    this.batched(items, (item) => this.value(item), OP.APPEND, OP.APPENDS);
    this.op(OP.TUPLE1);
    this.op(OP.REDUCE);
    this.put(value);
  }

  private orderedDict(value: OrderedDict): void {
    this.global("collections", "OrderedDict");
    this.op(OP.EMPTY_TUPLE);
    this.op(OP.REDUCE);
    this.put(value);
    this.inProgress.delete(value);
    this.items(value.entries());
    if (value.attributes.size > 0) {
      this.op(OP.EMPTY_DICT);
      this.put(value.attributes);
      this.items(value.attributes.entries());
      this.op(OP.BUILD);
    }
  }

  private items(entries: Iterable<readonly [unknown, unknown]>): void {
    this.batched(
      [...entries],
      ([key, item]) => {
        if (key === undefined || item === undefined) {
          throw new SerializeError(
            "UNSUPPORTED_VALUE",
            `cannot pickle undefined (at key ${String(key)})`,
          );
        }
        this.value(key);
        this.value(item);
      },
      OP.SETITEM,
      OP.SETITEMS,
    );
  }

  private batched<T>(
    items: readonly T[],
    write: (item: T) => void,
    one: number,
    many: number,
  ): void {
    for (let start = 0; start < items.length; start += BATCH) {
      const end = Math.min(items.length, start + BATCH);
      if (end - start === 1) {
        write(items[start]!);
        this.op(one);
        continue;
      }
      this.op(OP.MARK);
      for (let k = start; k < end; k++) write(items[k]!);
      this.op(many);
    }
  }
}

/** Whether Python can hash what `value` is written as (no lists, dicts, sets or tensors). */
function isHashable(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (value instanceof PyFloat || value instanceof PyInt) return true;
  return value instanceof PyTuple && value.every(isHashable);
}

/** The UTF-8 encoding of the string whose code points are `bytes` (Python's latin-1 decoding). */
function latin1AsUtf8(bytes: Uint8Array): Uint8Array {
  let length = bytes.length;
  for (const byte of bytes) if (byte >= 0x80) length++;
  const out = new Uint8Array(length);
  let at = 0;
  for (const byte of bytes) {
    if (byte < 0x80) {
      out[at++] = byte;
    } else {
      out[at++] = 0xc0 | (byte >> 6);
      out[at++] = 0x80 | (byte & 0x3f);
    }
  }
  return out;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** CPython's `pickle.encode_long`: little-endian two's complement, shortest form, `0` as no bytes. */
export function encodeLong(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  const bytes: number[] = [];
  let x = value;
  while (true) {
    const byte = Number(x & 0xffn);
    bytes.push(byte);
    x >>= 8n;
    if ((x === 0n && (byte & 0x80) === 0) || (x === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}
