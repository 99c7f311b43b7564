import type { Scheduler } from "../base/scheduler.js";
import type { OptimizerLike } from "../optimizerLike.js";

/**
 * The type of a scheduler option, enough for a tool to read it from text or draw an input for it:
 * - `number`, `integer`, `boolean`;
 * - `numbers`: one number for every param group, or a list of one per group (`maxLr`);
 * - `integers`: a list of integers (`milestones`);
 * - `enum`: one of `values`;
 * - `expression`: a {@link FactorExpression} of `variable` (`"0.95 ** epoch"`);
 * - `schedulers`: a list of schedulers built on the same optimizer (SequentialLR's `schedulers`).
 */
export type OptionKind =
  | {
      /** A number. */
      readonly type: "number";
    }
  | {
      /** An integer. */
      readonly type: "integer";
    }
  | {
      /** `true` or `false`. */
      readonly type: "boolean";
    }
  | {
      /** One number for every param group, or a list of one per group. */
      readonly type: "numbers";
    }
  | {
      /** A list of integers. */
      readonly type: "integers";
    }
  | {
      /** One of `values`. */
      readonly type: "enum";
      /** The values allowed, as PyTorch spells them. */
      readonly values: readonly string[];
    }
  | {
      /** A factor expression (or a function) of one variable. */
      readonly type: "expression";
      /** The expression's variable, e.g. `epoch`. */
      readonly variable: string;
    }
  | {
      /** A list of schedulers built on the same optimizer. */
      readonly type: "schedulers";
    };

/** A default value as PyTorch documents it: a number, text, boolean or `null` (Python's None). */
export type OptionDefault = number | string | boolean | null;

/** One option of a scheduler's options object, described for tools (CLIs, forms, docs). */
export interface SchedulerOption {
  /** The camelCase key of the options object, e.g. `stepSize`. */
  readonly name: string;
  /** PyTorch's keyword argument, e.g. `step_size`, `T_max`. */
  readonly torch: string;
  /** How the value is typed. */
  readonly kind: OptionKind;
  /** Whether the scheduler cannot be built without it. */
  readonly required: boolean;
  /**
   * PyTorch's default (`undefined` for a required option); `null` is Python's None, meaning
   * "derived from other options" (CyclicLR's `stepSizeDown`) or "absent" (`scaleFn`).
   */
  readonly default?: OptionDefault;
  /** Bounds a valid value must respect, when the option has them (inclusive unless stated). */
  readonly min?: number;
  /** See {@link SchedulerOption.min}. */
  readonly max?: number;
  /** One line: what it is and its valid range. */
  readonly doc: string;
}

/** A scheduler or preset of this package, described for tools. */
export interface SchedulerInfo {
  /** The exported name (PyTorch's class name for schedulers). */
  readonly name: string;
  /** `scheduler` for PyTorch's classes, `preset` for this package's compositions. */
  readonly kind: "scheduler" | "preset";
  /** One line: what it does. */
  readonly doc: string;
  /** What `step()` takes: nothing, or the metric (ReduceLROnPlateau). */
  readonly stepArgument: "none" | "metric";
  /** Its options, in PyTorch's argument order. */
  readonly options: readonly SchedulerOption[];
  /**
   * Options for a typical, drawable schedule (every required option included), as a gallery or
   * a form's starting point uses them. Nested schedulers are given as `{ name, options }`.
   */
  readonly example: Readonly<Record<string, unknown>>;
  /**
   * Builds it on `optimizer`. `options` are those of the class's options object; nested
   * schedulers (`schedulers`) must already be built on the same optimizer.
   * @throws SchedulerError for invalid values (PyTorch's messages).
   */
  create(optimizer: OptimizerLike, options: Readonly<Record<string, unknown>>): Scheduler;
}
