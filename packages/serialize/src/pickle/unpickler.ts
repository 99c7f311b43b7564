import { check, SerializeError } from "../errors.js";
import { allowedGlobal } from "./allowList.js";
import type { CallContext } from "./builtinCalls.js";
import { OP, opcodeName } from "./opcodes.js";
import { PyGlobal } from "./pyGlobal.js";
import { OrderedDict, PyFloat, PyTuple, type PyValue, tuple } from "./pyTypes.js";
import { StorageRef } from "./storageRef.js";
import { validateTree } from "./validateTree.js";

/** Options of {@link unpickle}. */
export interface UnpickleOptions {
  /**
   * Resolves a persistent id (BINPERSID) to a storage. The id has been checked to be a tuple
   * starting with `'storage'`; without this option persistent ids are refused.
   */
  readonly persistentLoad?: (pid: readonly unknown[]) => StorageRef;
  /** Deepest nesting of containers (and of MARKs) accepted (default 1000). */
  readonly maxDepth?: number;
  /** The most memo entries accepted (default 10,000,000). */
  readonly maxMemoEntries?: number;
  /** The largest Python int accepted, in bytes of its LONG encoding (default 1024). */
  readonly maxLongBytes?: number;
  /**
   * How Python floats come back: `"number"` (default) as plain numbers; `"exact"` wraps the
   * integral ones (`1.0`) in {@link PyFloat}, so that saving the value again writes floats.
   */
  readonly floats?: "number" | "exact";
}

type StackItem = unknown;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");
const MAX_LINE = 4096;

/**
 * Reads a pickle (protocols 0 to 5) with a restricted virtual machine: it builds only data
 * (None, bools, ints, floats, strings, bytes, lists, tuples, dicts, sets) and the objects of the
 * allow-listed globals (see `ALLOWED_GLOBALS`). Sets and bytes come from the protocol 3+ opcodes
 * or, as `torch.save`'s protocol 2 writes them, from REDUCEs of `__builtin__.set` /
 * `frozenset` / `bytes` / `bytearray` and `_codecs.encode` (sets as `Set`s, bytes and bytearrays
 * as `Uint8Array`s). Any other global, a REDUCE of something that is
 * not an allow-listed function, NEWOBJ/INST/OBJ, a BUILD on anything but an OrderedDict, extension
 * codes, out-of-band buffers and unknown opcodes are refused with an error naming them. Nothing
 * is ever executed. Every read is bounded by the input; memo, nesting and big integers are capped;
 * the result is checked to be acyclic and no deeper than `maxDepth`.
 *
 * @throws {SerializeError} `TRUNCATED`, `BAD_PICKLE`, `UNKNOWN_OPCODE`, `FORBIDDEN_GLOBAL`,
 * `FORBIDDEN_CALL`, `TOO_DEEP`, `TOO_LARGE` or `OUT_OF_RANGE`.
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions = {}): PyValue {
  return new Machine(bytes, options).run();
}

class Machine {
  private readonly view: DataView;
  private pos = 0;
  private stack: StackItem[] = [];
  private readonly metastack: StackItem[][] = [];
  private readonly memo = new Map<number, StackItem>();
  private readonly maxDepth: number;
  private readonly maxMemo: number;
  private readonly maxLong: number;
  private readonly exactFloats: boolean;
  /** Items and bytes copied out of REDUCE arguments so far (bounded by the input's size). */
  private copied = 0;
  private readonly context: CallContext = {
    hashable: (value) => this.key(value, this.pos - 1),
    charge: (units) => {
      this.copied += units;
      check(
        this.copied <= this.bytes.length,
        "TOO_LARGE",
        () => `pickle builds more set items and bytes than its ${this.bytes.length} bytes hold`,
      );
    },
  };

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: UnpickleOptions,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.maxDepth = options.maxDepth ?? 1000;
    this.maxMemo = options.maxMemoEntries ?? 10_000_000;
    this.maxLong = options.maxLongBytes ?? 1024;
    this.exactFloats = options.floats === "exact";
  }

  run(): PyValue {
    while (true) {
      const at = this.pos;
      const code = this.u8();
      if (code === OP.STOP) {
        const result = this.pop();
        check(
          this.stack.length === 0 && this.metastack.length === 0,
          "BAD_PICKLE",
          () => "pickle stops with values left on its stack",
        );
        check(
          this.pos === this.bytes.length,
          "BAD_PICKLE",
          () => `${this.bytes.length - this.pos} bytes follow the pickle's STOP`,
        );
        validateTree(result, this.maxDepth);
        return result as PyValue;
      }
      this.step(code, at);
    }
  }

  private step(code: number, at: number): undefined {
    switch (code) {
      case OP.PROTO:
        check(this.u8() <= 5, "BAD_PICKLE", () => "pickle protocol above 5");
        return;
      case OP.FRAME:
        this.uint64();
        return;
      case OP.MARK:
        check(
          this.metastack.length < this.maxDepth,
          "TOO_DEEP",
          () => `pickle nests MARKs deeper than ${this.maxDepth}`,
        );
        this.metastack.push(this.stack);
        this.stack = [];
        return;
      case OP.POP:
        if (this.stack.length > 0) this.stack.pop();
        else this.popMark();
        return;
      case OP.POP_MARK:
        this.popMark();
        return;
      case OP.DUP:
        this.push(this.top());
        return;
      case OP.NONE:
        return this.push(null);
      case OP.NEWTRUE:
        return this.push(true);
      case OP.NEWFALSE:
        return this.push(false);
      case OP.BININT:
        return this.push(this.take(4, (p) => this.view.getInt32(p, true)));
      case OP.BININT1:
        return this.push(this.u8());
      case OP.BININT2:
        return this.push(this.take(2, (p) => this.view.getUint16(p, true)));
      case OP.LONG1:
        return this.push(this.long(this.u8()));
      case OP.LONG4:
        return this.push(this.long(this.take(4, (p) => this.view.getInt32(p, true))));
      case OP.INT:
        return this.push(this.textInt(this.line()));
      case OP.LONG:
        return this.push(this.textInt(this.line().replace(/L$/, "")));
      case OP.BINFLOAT:
        return this.push(this.float(this.take(8, (p) => this.view.getFloat64(p, false))));
      case OP.FLOAT: {
        return this.push(this.float(parseFloatText(this.line())));
      }
      case OP.BINUNICODE:
        return this.push(this.utf8(this.take(4, (p) => this.view.getUint32(p, true))));
      case OP.SHORT_BINUNICODE:
        return this.push(this.utf8(this.u8()));
      case OP.BINUNICODE8:
        return this.push(this.utf8(this.uint64()));
      case OP.SHORT_BINSTRING:
        return this.push(this.utf8(this.u8()));
      case OP.BINSTRING:
        return this.push(this.utf8(this.take(4, (p) => this.view.getInt32(p, true))));
      case OP.BINBYTES:
        return this.push(copyBytes(this.raw(this.take(4, (p) => this.view.getUint32(p, true)))));
      case OP.SHORT_BINBYTES:
        return this.push(copyBytes(this.raw(this.u8())));
      case OP.BINBYTES8:
      case OP.BYTEARRAY8:
        return this.push(copyBytes(this.raw(this.uint64())));
      case OP.EMPTY_TUPLE:
        return this.push(tuple());
      case OP.TUPLE1:
      case OP.TUPLE2:
      case OP.TUPLE3: {
        const n = code - OP.TUPLE1 + 1;
        check(
          this.stack.length >= n,
          "BAD_PICKLE",
          () => `${opcodeName(code)} at ${at} on a short stack`,
        );
        return this.push(tuple(...(this.stack.splice(this.stack.length - n, n) as PyValue[])));
      }
      case OP.TUPLE:
        return this.push(tuple(...(this.popMark() as PyValue[])));
      case OP.EMPTY_LIST:
        return this.push([]);
      case OP.LIST:
        return this.push(this.popMark());
      case OP.EMPTY_DICT:
        return this.push(new Map());
      case OP.DICT:
        return this.push(this.setItems(new Map(), this.popMark(), at));
      case OP.EMPTY_SET:
        return this.push(new Set());
      case OP.FROZENSET:
        return this.push(new Set(this.popMark().map((item) => this.key(item, at))));
      case OP.APPEND: {
        const item = this.pop();
        this.list(at).push(item);
        return;
      }
      case OP.APPENDS: {
        const items = this.popMark();
        this.list(at).push(...items);
        return;
      }
      case OP.SETITEM: {
        const value = this.pop();
        const key = this.pop();
        this.setItems(this.dict(at), [key, value], at);
        return;
      }
      case OP.SETITEMS: {
        const items = this.popMark();
        this.setItems(this.dict(at), items, at);
        return;
      }
      case OP.ADDITEMS: {
        const items = this.popMark();
        const target = this.top();
        check(target instanceof Set, "BAD_PICKLE", () => `ADDITEMS at ${at} on a non-set`);
        for (const item of items) (target as Set<unknown>).add(this.key(item, at));
        return;
      }
      case OP.BINPUT:
        return this.putMemo(this.u8());
      case OP.LONG_BINPUT:
        return this.putMemo(this.take(4, (p) => this.view.getUint32(p, true)));
      case OP.PUT:
        return this.putMemo(this.textIndex());
      case OP.MEMOIZE:
        return this.putMemo(this.memo.size);
      case OP.BINGET:
        return this.getMemo(this.u8(), at);
      case OP.LONG_BINGET:
        return this.getMemo(
          this.take(4, (p) => this.view.getUint32(p, true)),
          at,
        );
      case OP.GET:
        return this.getMemo(this.textIndex(), at);
      case OP.GLOBAL: {
        const module = this.line();
        const name = this.line();
        return this.global(module, name);
      }
      case OP.STACK_GLOBAL: {
        const name = this.pop();
        const module = this.pop();
        check(
          typeof module === "string" && typeof name === "string",
          "BAD_PICKLE",
          () => `STACK_GLOBAL at ${at} needs two strings`,
        );
        return this.global(module, name);
      }
      case OP.REDUCE:
        return this.reduce(at);
      case OP.BUILD:
        return this.build(at);
      case OP.BINPERSID:
        return this.push(this.persistent(this.pop(), at));
      case OP.NEWOBJ:
      case OP.NEWOBJ_EX:
      case OP.INST:
      case OP.OBJ:
        throw new SerializeError(
          "FORBIDDEN_CALL",
          `pickle opcode ${opcodeName(code)} at offset ${at} would instantiate a class, which is not allowed`,
        );
      case OP.EXT1:
      case OP.EXT2:
      case OP.EXT4:
      case OP.PERSID:
      case OP.NEXT_BUFFER:
      case OP.READONLY_BUFFER:
        throw new SerializeError(
          "FORBIDDEN_CALL",
          `pickle opcode ${opcodeName(code)} at offset ${at} is not allowed in checkpoints`,
        );
      default:
        throw new SerializeError(
          "UNKNOWN_OPCODE",
          `pickle opcode ${opcodeName(code)} at offset ${at} is not supported by the restricted unpickler`,
        );
    }
  }

  private global(module: string, name: string): undefined {
    allowedGlobal(module, name);
    this.push(new PyGlobal(module, name));
  }

  private reduce(at: number): undefined {
    const args = this.pop();
    const callee = this.pop();
    const entry =
      callee instanceof PyGlobal ? allowedGlobal(callee.module, callee.name) : undefined;
    if (entry === undefined || entry.kind !== "function") {
      throw new SerializeError(
        "FORBIDDEN_CALL",
        `pickle REDUCE at offset ${at} calls ${describe(callee)}, which is not an allowed function`,
      );
    }
    check(
      args instanceof PyTuple,
      "BAD_PICKLE",
      () => `REDUCE at offset ${at}: arguments are not a tuple`,
    );
    this.push(entry.call(args, this.context));
  }

  private build(at: number): undefined {
    const state = this.pop();
    const target = this.top();
    if (!(target instanceof OrderedDict)) {
      throw new SerializeError(
        "FORBIDDEN_CALL",
        `pickle BUILD at offset ${at} sets the state of ${describe(target)}; only OrderedDict attributes are allowed`,
      );
    }
    check(state instanceof Map, "BAD_PICKLE", () => `BUILD at offset ${at}: state is not a dict`);
    for (const [key, value] of state as Map<unknown, unknown>) {
      check(
        typeof key === "string",
        "BAD_PICKLE",
        () => `BUILD at offset ${at}: attribute name is not a string`,
      );
      target.attributes.set(key, value as PyValue);
    }
  }

  private persistent(pid: unknown, at: number): StorageRef {
    const load = this.options.persistentLoad;
    if (load === undefined) {
      throw new SerializeError(
        "FORBIDDEN_CALL",
        `pickle BINPERSID at offset ${at}: persistent ids are not allowed here`,
      );
    }
    check(
      pid instanceof PyTuple && pid[0] === "storage",
      "FORBIDDEN_CALL",
      () => `pickle BINPERSID at offset ${at}: only ('storage', ...) persistent ids are allowed`,
    );
    return load(pid);
  }

  private setItems(
    target: Map<unknown, unknown>,
    items: readonly unknown[],
    at: number,
  ): Map<unknown, unknown> {
    check(items.length % 2 === 0, "BAD_PICKLE", () => `odd number of dict items at offset ${at}`);
    for (let k = 0; k < items.length; k += 2) target.set(this.key(items[k], at), items[k + 1]);
    return target;
  }

  private key(key: unknown, at: number): unknown {
    if (key instanceof PyFloat) return key.value;
    if (
      key === null ||
      typeof key !== "object" ||
      (key instanceof PyTuple && key.every((k) => this.key(k, at) === k))
    ) {
      return key;
    }
    throw new SerializeError(
      "BAD_PICKLE",
      `unhashable ${describe(key)} used as a dict key or set item at offset ${at}`,
    );
  }

  private dict(at: number): Map<unknown, unknown> {
    const target = this.top();
    check(
      target instanceof Map,
      "BAD_PICKLE",
      () => `SETITEM(S) at offset ${at} on ${describe(target)}`,
    );
    return target as Map<unknown, unknown>;
  }

  private list(at: number): unknown[] {
    const target = this.top();
    check(
      Array.isArray(target) && !(target instanceof PyTuple),
      "BAD_PICKLE",
      () => `APPEND(S) at offset ${at} on ${describe(target)}`,
    );
    return target as unknown[];
  }

  private putMemo(index: number): undefined {
    check(
      this.memo.size < this.maxMemo || this.memo.has(index),
      "TOO_LARGE",
      () => `pickle memo exceeds ${this.maxMemo} entries`,
    );
    this.memo.set(index, this.top());
  }

  private getMemo(index: number, at: number): undefined {
    check(
      this.memo.has(index),
      "BAD_PICKLE",
      () => `memo entry ${index} read at offset ${at} was never stored`,
    );
    this.push(this.memo.get(index));
  }

  private push(value: unknown): undefined {
    this.stack.push(value);
    return undefined;
  }

  private pop(): unknown {
    check(
      this.stack.length > 0,
      "BAD_PICKLE",
      () => `pickle stack underflow at offset ${this.pos - 1}`,
    );
    return this.stack.pop();
  }

  private top(): unknown {
    check(
      this.stack.length > 0,
      "BAD_PICKLE",
      () => `pickle stack underflow at offset ${this.pos - 1}`,
    );
    return this.stack[this.stack.length - 1];
  }

  private popMark(): unknown[] {
    const items = this.stack;
    const previous = this.metastack.pop();
    check(
      previous !== undefined,
      "BAD_PICKLE",
      () => `pickle has no MARK before offset ${this.pos - 1}`,
    );
    this.stack = previous;
    return items;
  }

  private float(value: number): number | PyFloat {
    return this.exactFloats && Number.isInteger(value) ? new PyFloat(value) : value;
  }

  private long(length: number): number | bigint {
    check(length >= 0, "BAD_PICKLE", () => "negative LONG length");
    check(
      length <= this.maxLong,
      "TOO_LARGE",
      () => `pickle int of ${length} bytes exceeds ${this.maxLong}`,
    );
    const bytes = this.raw(length);
    if (length === 0) return 0;
    let hex = "";
    for (let k = length - 1; k >= 0; k--) hex += bytes[k]!.toString(16).padStart(2, "0");
    let value = BigInt(`0x${hex}`);
    if (bytes[length - 1]! & 0x80) value -= 1n << BigInt(8 * length);
    return normalizeInt(value);
  }

  private textInt(text: string): number | bigint | boolean {
    if (text === "00") return false;
    if (text === "01") return true;
    check(
      /^[+-]?\d{1,4300}$/.test(text),
      "BAD_PICKLE",
      () => `bad INT ${JSON.stringify(text.slice(0, 40))}`,
    );
    return normalizeInt(BigInt(text));
  }

  private textIndex(): number {
    const text = this.line();
    check(
      /^\d{1,10}$/.test(text),
      "BAD_PICKLE",
      () => `bad memo index ${JSON.stringify(text.slice(0, 40))}`,
    );
    return Number(text);
  }

  private u8(): number {
    check(this.pos < this.bytes.length, "TRUNCATED", () => "pickle ends before STOP");
    return this.bytes[this.pos++]!;
  }

  private take(size: number, read: (at: number) => number): number {
    check(
      this.pos + size <= this.bytes.length,
      "TRUNCATED",
      () => `pickle ends inside an argument at ${this.pos}`,
    );
    const value = read(this.pos);
    this.pos += size;
    return value;
  }

  private uint64(): number {
    const low = this.take(4, (p) => this.view.getUint32(p, true));
    const high = this.take(4, (p) => this.view.getUint32(p, true));
    check(high < 0x200000, "OUT_OF_RANGE", () => "pickle length beyond 2^53");
    return high * 0x100000000 + low;
  }

  private raw(length: number): Uint8Array {
    check(
      length >= 0 && this.pos + length <= this.bytes.length,
      "TRUNCATED",
      () =>
        `pickle announces ${length} bytes at offset ${this.pos}, only ${this.bytes.length - this.pos} remain`,
    );
    const bytes = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  private utf8(length: number): string {
    const bytes = this.raw(length);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new SerializeError(
        "BAD_PICKLE",
        `pickle string at offset ${this.pos - length} is not valid UTF-8`,
      );
    }
  }

  private line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    check(
      end >= 0 && end - this.pos <= MAX_LINE,
      "TRUNCATED",
      () => `pickle text argument at ${this.pos} has no end of line`,
    );
    const text = latin1.decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }
}

/** A protocol 0 FLOAT argument (Python's `repr`: `1.5`, `1e-05`, `inf`, `-inf`, `nan`). */
function parseFloatText(text: string): number {
  const special = new Map([
    ["inf", Infinity],
    ["-inf", -Infinity],
    ["nan", Number.NaN],
  ]);
  const value =
    special.get(text) ??
    (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined);
  if (value === undefined)
    throw new SerializeError("BAD_PICKLE", `bad FLOAT ${JSON.stringify(text.slice(0, 40))}`);
  return value;
}

function normalizeInt(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

function describe(value: unknown): string {
  if (value instanceof PyGlobal) return `'${value.qualifiedName}'`;
  if (value instanceof StorageRef) return "a storage";
  if (value === null) return "None";
  if (Array.isArray(value)) return value instanceof PyTuple ? "a tuple" : "a list";
  if (value instanceof Map) return "a dict";
  if (value instanceof Set) return "a set";
  if (value instanceof Uint8Array) return "bytes";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A copy of `bytes` in memory of its own (a Node Buffer's `slice` would share the input's). */
function copyBytes(bytes: Uint8Array): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes);
}
