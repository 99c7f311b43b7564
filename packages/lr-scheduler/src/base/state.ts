import { SchedulerError } from "./errors.js";

/**
 * A value inside a state dict: JSON-like data in PyTorch's layout. Numbers may be `Infinity`
 * (ReduceLROnPlateau's `best` starts there); when loading, the strings `"Infinity"`, `"-Infinity"`
 * and `"NaN"` (how JSON fixtures spell them) are read as those numbers.
 */
export type StateValue =
  | number
  | string
  | boolean
  | null
  | readonly StateValue[]
  | { readonly [key: string]: StateValue };

/**
 * A scheduler's state in PyTorch's layout: the keys of PyTorch's `state_dict()` (`base_lrs`,
 * `last_epoch`, `_step_count`, ...), in the same order, with no reference to the optimizer.
 *
 * @example
 * ```ts
 * new StepLR(optimizer, { stepSize: 30 }).stateDict();
 * // { step_size: 30, gamma: 0.1, base_lrs: [0.05], last_epoch: 0, verbose: false,
 * //   _step_count: 1, _get_lr_called_within_step: false, _last_lr: [0.05] }
 * ```
 */
export type StateDict = { [key: string]: StateValue };

/** What a {@link StateCodec} knows while decoding one key. */
export interface DecodeContext<T> {
  /** The state-dict key being read, for error messages. */
  readonly key: string;
  /** The value the scheduler holds now (LambdaLR keeps its plain functions, as PyTorch does). */
  readonly current: T;
  /** The number of param groups, for per-group lists. */
  readonly groups: number;
}

/**
 * How one field of a scheduler's state is written into a state dict and read back, checked.
 *
 * @example
 * ```ts
 * const gammaCodec: StateCodec<number> = field.number("gamma").codec;
 * gammaCodec.encode(0.5); // 0.5
 * ```
 */
export interface StateCodec<T> {
  /** The state-dict value for `value`. */
  encode(value: T): StateValue;
  /** Reads `raw` back; throws a {@link SchedulerError} when it has the wrong type or size. */
  decode(raw: StateValue, context: DecodeContext<T>): T;
}

/** One declared field: its PyTorch key, its codec, and whether PyTorch writes it after the base keys. */
export interface StateField<T> {
  /** The key in PyTorch's state dict, e.g. `"step_size"`. */
  readonly key: string;
  /** How the value is written and read. */
  readonly codec: StateCodec<T>;
  /** `true` when PyTorch puts this key after `_last_lr` (LambdaLR's `lr_lambdas`). */
  readonly after?: boolean;
  /** `true` when the key is absent while the value is `undefined` (CyclicLR's momenta when not cycling). */
  readonly optional?: boolean;
}

/**
 * The declaration of a scheduler's own state: one {@link StateField} per field of the typed
 * record `S`, in PyTorch's key order. The state dict is built from it, never from "all fields".
 *
 * @example
 * ```ts
 * interface StepState { stepSize: number; gamma: number }
 * const schema: StateSchema<StepState> = {
 *   stepSize: field.integer("step_size"),
 *   gamma: field.number("gamma"),
 * };
 * ```
 */
export type StateSchema<S> = { readonly [K in keyof S]-?: StateField<S[K]> };

function fail(key: string, expected: string, raw: unknown): never {
  throw new SchedulerError(
    `state_dict['${key}'] must be ${expected}, got ${JSON.stringify(raw) ?? String(raw)}`,
    "TypeError",
  );
}

/** Reads a number, accepting JSON's spellings of the non-finite values. */
export function readNumber(raw: StateValue | undefined, key: string): number {
  if (typeof raw === "number") return raw;
  if (raw === "Infinity") return Number.POSITIVE_INFINITY;
  if (raw === "-Infinity") return Number.NEGATIVE_INFINITY;
  if (raw === "NaN") return Number.NaN;
  return fail(key, "a number", raw);
}

/** Reads a list of `length` numbers. */
export function readNumbers(raw: StateValue | undefined, key: string, length: number): number[] {
  if (!Array.isArray(raw) || raw.length !== length) {
    return fail(key, `a list of ${length} numbers (one per param group)`, raw);
  }
  return raw.map((v: StateValue, i: number) => readNumber(v, `${key}'][${i}`));
}

/** Reads an integer (PyTorch's `int` fields: step sizes, counters, epochs). */
export function readInteger(raw: StateValue | undefined, key: string): number {
  const value = readNumber(raw, key);
  if (!Number.isInteger(value)) fail(key, "an integer", raw);
  return value;
}

/** Reads a boolean. */
export function readBoolean(raw: StateValue | undefined, key: string): boolean {
  if (typeof raw !== "boolean") return fail(key, "a boolean", raw);
  return raw;
}

/** Reads one of the allowed strings. */
export function readString<T extends string>(
  raw: StateValue | undefined,
  key: string,
  allowed: readonly T[],
): T {
  if (typeof raw !== "string" || !(allowed as readonly string[]).includes(raw)) {
    return fail(key, `one of ${allowed.map((a) => `'${a}'`).join(", ")}`, raw);
  }
  return raw as T;
}

/** Encodes a number, keeping non-finite values as numbers (PyTorch's `inf`). */
function encodeNumber(value: number): StateValue {
  return value;
}

/**
 * Ready-made fields for {@link StateSchema} declarations: each takes PyTorch's key.
 *
 * @example
 * ```ts
 * const schema = { tMax: field.number("T_max"), etaMin: field.number("eta_min") };
 * ```
 */
export const field = {
  /** A float, such as `gamma`. */
  number(key: string): StateField<number> {
    return { key, codec: { encode: encodeNumber, decode: (raw) => readNumber(raw, key) } };
  },
  /** An int, such as `step_size`. */
  integer(key: string): StateField<number> {
    return { key, codec: { encode: encodeNumber, decode: (raw) => readInteger(raw, key) } };
  },
  /** A bool, such as `cycle_momentum`. */
  boolean(key: string): StateField<boolean> {
    return { key, codec: { encode: (v) => v, decode: (raw) => readBoolean(raw, key) } };
  },
  /** One of a few strings, such as ReduceLROnPlateau's `mode`. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): StateField<T> {
    return { key, codec: { encode: (v) => v, decode: (raw) => readString(raw, key, allowed) } };
  },
  /** One float per param group, such as CyclicLR's `max_lrs`. */
  perGroup(key: string): StateField<number[]> {
    return {
      key,
      codec: {
        encode: (v) => [...v],
        decode: (raw, context) => readNumbers(raw, key, context.groups),
      },
    };
  },
  /** A field with a codec of its own. */
  custom<T>(key: string, codec: StateCodec<T>, after = false): StateField<T> {
    return after ? { key, codec, after } : { key, codec };
  },
  /** A field present only while its value is defined (e.g. CyclicLR's `base_momentums`). */
  optional<T>(inner: StateField<T>): StateField<T | undefined> {
    const codec: StateCodec<T | undefined> = {
      encode: (v) => (v === undefined ? null : inner.codec.encode(v)),
      decode: (raw, context) =>
        context.current === undefined && raw === null
          ? undefined
          : inner.codec.decode(raw, context as DecodeContext<T>),
    };
    return { key: inner.key, codec, optional: true };
  },
};

/** Writes the fields of `schema` placed before (or after) the base keys into `dict`. */
export function encodeFields<S extends object>(
  dict: StateDict,
  schema: StateSchema<S>,
  state: S,
  after: boolean,
): void {
  for (const name of Object.keys(schema) as (keyof S & string)[]) {
    const spec = schema[name];
    if ((spec.after ?? false) !== after) continue;
    if (spec.optional === true && state[name] === undefined) continue;
    dict[spec.key] = spec.codec.encode(state[name]);
  }
}

/** Reads every field of `schema` from `dict` (all or nothing: `state` is only changed when all are valid). */
export function decodeFields<S extends object>(
  dict: StateDict,
  schema: StateSchema<S>,
  state: S,
  groups: number,
  owner: string,
): void {
  const decoded: Partial<S> = {};
  for (const name of Object.keys(schema) as (keyof S & string)[]) {
    const spec = schema[name];
    const raw = dict[spec.key];
    if (raw === undefined) {
      if (spec.optional === true) {
        decoded[name] = undefined as S[keyof S & string];
        continue;
      }
      throw new SchedulerError(`state_dict for ${owner} is missing '${spec.key}'`, "KeyError");
    }
    decoded[name] = spec.codec.decode(raw, { key: spec.key, current: state[name], groups });
  }
  Object.assign(state, decoded);
}
