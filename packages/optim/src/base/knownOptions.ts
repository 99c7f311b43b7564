import { OptimizerError } from "./optimizerError.js";

/**
 * Every key of the options type `T`, checked at compile time: a key missing from the list, or
 * one that `T` does not have, is a type error.
 */
export function optionKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    ...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)
  ): readonly string[] => keys;
}

/** `weightDecay`, `weight_decay` and `weightdecay` all read the same here. */
const normalized = (key: string): string => key.replaceAll("_", "").toLowerCase();

/**
 * Refuses an options object with a key that the optimizer `owner` does not take, as Python
 * refuses an unexpected keyword argument (`SGD(params, lr=0.1, momentun=0.9)` is a TypeError in
 * PyTorch). A misspelled key would otherwise fall back to the default without a word. The
 * message names the key, the option it resembles (PyTorch's snake_case names are recognised)
 * and every option `owner` takes. Param groups are not checked: PyTorch keeps any extra key a
 * group has. Built-in optimizers call it only when constructed themselves (`new.target`), so a
 * subclass may give its own options to its parent's constructor.
 */
export function rejectUnknownOptions(
  owner: string,
  options: unknown,
  known: readonly string[],
): void {
  if (typeof options !== "object" || options === null) return;
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => normalized(k) === normalized(key));
    const hint = near === undefined ? "" : ` (did you mean ${near}?)`;
    throw new OptimizerError(
      `${owner} got an unknown option "${key}"${hint}; its options are ${known.join(", ")}`,
    );
  }
}
