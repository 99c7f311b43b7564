/**
 * Every key of the options type `T`, checked at compile time: a key missing from the list, or
 * one that `T` does not have, is a type error. Pairs with {@link rejectUnknownOptions}.
 *
 * @example
 * ```ts
 * interface LinearOptions { bias?: boolean; dtype?: DType }
 * const LINEAR_OPTIONS = optionKeys<LinearOptions>()("bias", "dtype");
 * ```
 */
export function optionKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    ...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)
  ): readonly string[] => keys;
}

/** `batchSize`, `batch_size` and `batchsize` all read the same here. */
const normalized = (key: string): string => key.replaceAll("_", "").toLowerCase();

/**
 * Refuses an options object holding a key that `owner` does not take, as Python refuses an
 * unexpected keyword argument (`DataLoader(ds, batchsize=50)` is a TypeError in PyTorch).
 * TypeScript catches a misspelled key in an object literal; this catches it in JavaScript, in
 * options built at run time and in configs read from files, where the key would otherwise be
 * ignored and its option left at the default without a word. The message names the key, the
 * option it resembles (PyTorch's snake_case names and other spellings are recognised) and every
 * option `owner` takes. Anything but an object (undefined, a number) passes.
 *
 * Call it only when the class itself is constructed (`if (new.target === Linear)`), so that a
 * subclass may hand its own options to its parent's constructor.
 *
 * @param owner - The class or function named in the message, e.g. `"DataLoader"`.
 * @param options - The options object as given.
 * @param known - Every key `owner` takes (see {@link optionKeys}).
 * @param makeError - Builds the error to throw from the message; a `TypeError` by default.
 * @throws The error `makeError` builds, for the first unknown key.
 *
 * @example
 * ```ts
 * rejectUnknownOptions("Linear", { bais: false }, ["bias", "dtype"]);
 * // TypeError: Linear got an unknown option "bais"; its options are bias, dtype
 * ```
 */
export function rejectUnknownOptions(
  owner: string,
  options: unknown,
  known: readonly string[],
  makeError: (message: string) => Error = (message) => new TypeError(message),
): void {
  if (typeof options !== "object" || options === null) return;
  // for...in rather than Object.keys: nothing is allocated when every key is known, so the
  // creation functions can call it on every call.
  for (const key in options) {
    if (known.includes(key)) continue;
    const near = known.find((k) => normalized(k) === normalized(key));
    const hint = near === undefined ? "" : ` (did you mean ${near}?)`;
    throw makeError(
      `${owner} got an unknown option "${key}"${hint}; its options are ${known.join(", ")}`,
    );
  }
}
