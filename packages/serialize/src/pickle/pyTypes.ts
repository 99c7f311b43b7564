import type { Tensor } from "@kindling/tensor";
import type { TensorData } from "../tensor/tensorData.js";

/**
 * A Python `float` whose value is integral (`1.0`), kept distinct from an `int`. Plain JavaScript
 * numbers are written as `int` when they are safe integers and as `float` otherwise; wrap a number
 * in `PyFloat` (or call {@link pyFloat}) to write it as a float anyway, as an optimizer's `lr: 1`
 * should be.
 *
 * @example
 * ```ts
 * serialize({ lr: pyFloat(1), step_size: 2 }); // {'lr': 1.0, 'step_size': 2} in Python
 * ```
 */
export class PyFloat {
  /** The number. */
  readonly value: number;

  /** A float holding `value`. */
  constructor(value: number) {
    this.value = value;
  }

  /** The number, so that `+x` and arithmetic see it. */
  valueOf(): number {
    return this.value;
  }
}

/**
 * A Python `int` from a number or bigint, written as an int whatever its size (plain numbers
 * beyond 2^53 are otherwise written as floats). A `bigint` is always written as an int too.
 */
export class PyInt {
  /** The integer. */
  readonly value: bigint;

  /** An int holding `value`, which must be integral. */
  constructor(value: number | bigint) {
    this.value = BigInt(value);
  }
}

/** `new PyFloat(value)`: `value` written as a Python float even when integral. */
export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

/** `new PyInt(value)`: `value` written as a Python int. */
export function pyInt(value: number | bigint): PyInt {
  return new PyInt(value);
}

/**
 * A Python `tuple`: a frozen array that pickles as a tuple rather than a list. `Array.isArray` is
 * true for it; `map`/`filter` give plain arrays. Loading returns tuples as `PyTuple`s, so they
 * stay tuples when saved again (Adam's `betas`).
 *
 * @example
 * ```ts
 * const betas = tuple(pyFloat(0.9), 0.999); // (0.9, 0.999) in Python
 * betas[1]; // 0.999
 * ```
 */
export class PyTuple<T = PyValue> extends Array<T> {
  /** Arrays derived from a tuple (`map`, `slice`, ...) are plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

/** A frozen {@link PyTuple} of `items`. */
export function tuple<T = PyValue>(...items: T[]): PyTuple<T> {
  const result = new PyTuple<T>();
  for (const item of items) result.push(item);
  return Object.freeze(result) as PyTuple<T>;
}

/**
 * A Python `collections.OrderedDict`: a `Map` that pickles as an OrderedDict (PyTorch module
 * state dicts are OrderedDicts). `attributes` holds the instance attributes PyTorch attaches, such
 * as a module state dict's `_metadata`; they are written back with the dict.
 */
export class OrderedDict<K = PyValue, V = PyValue> extends Map<K, V> {
  /** Instance attributes (`state_dict._metadata`), written as the pickle's BUILD state. */
  readonly attributes: Map<string, PyValue> = new Map();
}

/**
 * The values a checkpoint holds, as this package reads and writes them:
 * - `null` (None), `boolean`, `string`;
 * - `number` (an int when a safe integer, else a float), `bigint` (an int), {@link PyFloat},
 *   {@link PyInt};
 * - arrays (lists), {@link PyTuple}s, `Map`s (dicts with keys of any of these types), plain
 *   objects (dicts with string keys), {@link OrderedDict}s, `Set`s (Python `set`; `frozenset`
 *   is read as a `Set` too, and written back as a `set`);
 * - `Uint8Array` (Python `bytes`; `bytearray` is read as a `Uint8Array` too, and written back as
 *   `bytes`);
 * - tensors: @kindling/tensor `Tensor`s or {@link TensorData} records (`deserialize` gives
 *   `Tensor`s for Kindling's dtypes, records for the others).
 */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyInt
  | Tensor
  | TensorData
  | Uint8Array
  | readonly PyValue[]
  | ReadonlyMap<PyValue, PyValue>
  | ReadonlySet<PyValue>
  | { readonly [key: string]: PyValue };
