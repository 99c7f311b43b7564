import { SchedulerError } from "./errors.js";

/** The keys every {@link LRScheduler}'s options object takes (PyTorch's `last_epoch`, `verbose`, and `warn`). */
export const LR_SCHEDULER_OPTIONS = ["lastEpoch", "verbose", "warn"] as const;

/**
 * Every key of the options type `T`, checked at compile time: a key missing from the list, or
 * one that `T` does not have, is a type error. Used as
 * `optionKeys<StepLROptions>()("stepSize", "gamma", ...LR_SCHEDULER_OPTIONS)`.
 */
export function optionKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    ...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)
  ): readonly string[] => keys;
}

/** `stepSize`, `step_size`, `StepSize` and `stepsize` all read the same here. */
const normalized = (key: string): string => key.replaceAll("_", "").toLowerCase();

/**
 * Refuses an options object with a key that `owner` does not take, as Python refuses an
 * unexpected keyword argument (PyTorch: `TypeError: __init__() got an unexpected keyword
 * argument 'gama'`). TypeScript catches a misspelled key in an object literal; this catches it
 * in JavaScript, in options built at run time, and in configs read from files, where it would
 * otherwise fall back to the default without a word. The message names the key, the option it
 * resembles (PyTorch's snake_case names and other spellings of a key are recognised) and every
 * option `owner` takes. Anything but a plain object (a function, an array, undefined) passes.
 *
 * Built-in schedulers call it only when they are constructed themselves (`new.target`), so a
 * subclass may give its own options to its parent's constructor.
 */
export function rejectUnknownOptions(
  owner: string,
  options: unknown,
  known: readonly string[],
): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return;
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => normalized(k) === normalized(key));
    const hint = near === undefined ? "" : ` (did you mean ${near}?)`;
    throw new SchedulerError(
      `${owner} got an unknown option "${key}"${hint}; its options are ${known.join(", ")}`,
      "TypeError",
    );
  }
}
