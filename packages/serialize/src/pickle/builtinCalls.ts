import { check } from "../errors.js";
import { PyTuple } from "./pyTypes.js";

/** What an allow-listed function may ask of the unpickler while it builds its value. */
export interface CallContext {
  /** `value` as a set item (a float's number), or a `BAD_PICKLE` error when it is unhashable. */
  readonly hashable: (value: unknown) => unknown;
  /**
   * Accounts for `units` items or bytes about to be copied out of the arguments, before they are
   * allocated; throws `TOO_LARGE` once a pickle's copies outgrow its own size, so that memo
   * references to one big argument cannot multiply memory.
   */
  readonly charge: (units: number) => void;
}

/**
 * `__builtin__.set(list)` and `__builtin__.frozenset(list)`, the only shape protocol 2 writes
 * (`set()` is `set([])`): a JavaScript `Set` of the list's items, which must be hashable.
 */
export function pySet(
  name: string,
): (args: readonly unknown[], context: CallContext) => Set<unknown> {
  return (args, context) => {
    const [items] = args;
    check(
      args.length === 1 && Array.isArray(items) && !(items instanceof PyTuple),
      "BAD_PICKLE",
      () => `${name} takes exactly one list in a pickle`,
    );
    const list = items as readonly unknown[];
    context.charge(list.length);
    return new Set(list.map((item) => context.hashable(item)));
  };
}

/** `__builtin__.bytes()`: protocol 2's empty `bytes` (no arguments accepted). */
export function pyBytes(args: readonly unknown[]): Uint8Array {
  check(args.length === 0, "BAD_PICKLE", () => "bytes takes no arguments in a pickle");
  return new Uint8Array(0);
}

/** `_codecs.encode(text, 'latin1')`: protocol 2's non-empty `bytes`. */
export function codecsEncode(args: readonly unknown[], context: CallContext): Uint8Array {
  const [text, encoding] = args;
  check(
    args.length === 2 && typeof text === "string" && encoding === "latin1",
    "BAD_PICKLE",
    () => "_codecs.encode takes a str and 'latin1' in a pickle",
  );
  return latin1Bytes(text as string, context);
}

/**
 * `__builtin__.bytearray`, as protocol 2 writes it: `bytearray()` when empty, else
 * `bytearray(bytes)` (Python 3, the bytes being `_codecs.encode(...)`) or
 * `bytearray(text, 'latin-1')` (Python 2 and older Python 3). Read as a `Uint8Array`.
 */
export function pyBytearray(args: readonly unknown[], context: CallContext): Uint8Array {
  const [first, encoding] = args;
  if (args.length === 0) return new Uint8Array(0);
  if (args.length === 1 && first instanceof Uint8Array) {
    context.charge(first.length);
    return Uint8Array.prototype.slice.call(first);
  }
  check(
    args.length === 2 && typeof first === "string" && encoding === "latin-1",
    "BAD_PICKLE",
    () => "bytearray takes nothing, bytes, or a str and 'latin-1' in a pickle",
  );
  return latin1Bytes(first as string, context);
}

/** The Latin-1 encoding of `text`; `BAD_PICKLE` for a character beyond U+00FF. */
function latin1Bytes(text: string, context: CallContext): Uint8Array {
  context.charge(text.length);
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    check(code <= 0xff, "BAD_PICKLE", () => `bytes text holds U+${code.toString(16)} at ${k}`);
    bytes[k] = code;
  }
  return bytes;
}
