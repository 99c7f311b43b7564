/**
 * The kind of Python exception PyTorch raises for the same mistake: `ValueError` for an invalid
 * argument (or a math domain error in a factor expression), `KeyError` for a missing param-group
 * key, `TypeError` for a wrong type, `ZeroDivisionError` and `OverflowError` for a factor
 * expression that divides by zero or overflows.
 */
export type SchedulerErrorKind =
  | "ValueError"
  | "KeyError"
  | "TypeError"
  | "ZeroDivisionError"
  | "OverflowError";

/**
 * Every error a scheduler throws: an invalid option at construction, a missing `initial_lr` when
 * resuming, stepping past OneCycleLR's end, an invalid state dict, or a factor expression that
 * raises where Python would (`ExpressionEvaluationError`). The message is PyTorch's where
 * PyTorch has one, and otherwise states the valid range.
 *
 * @example
 * ```ts
 * try {
 *   new ReduceLROnPlateau(optimizer, { factor: 1 });
 * } catch (error) {
 *   error instanceof SchedulerError; // true
 *   (error as SchedulerError).message; // "Factor should be < 1.0."
 *   (error as SchedulerError).kind; // "ValueError"
 * }
 * ```
 */
export class SchedulerError extends Error {
  /** The Python exception PyTorch raises in the same situation. */
  readonly kind: SchedulerErrorKind;

  /**
   * @param message - What is wrong and what is valid.
   * @param kind - PyTorch's exception type for the same mistake; `"ValueError"` by default.
   */
  constructor(message: string, kind: SchedulerErrorKind = "ValueError") {
    super(message);
    this.name = "SchedulerError";
    this.kind = kind;
  }
}
