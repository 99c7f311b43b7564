/**
 * The kind of Python exception PyTorch raises for the same mistake: `ValueError` for an invalid
 * argument, `KeyError` for a missing param-group key, `TypeError` for a wrong type.
 */
export type SchedulerErrorKind = "ValueError" | "KeyError" | "TypeError";

/**
 * Every error a scheduler throws: an invalid option at construction, a missing `initial_lr` when
 * resuming, stepping past OneCycleLR's end, or an invalid state dict. The message is PyTorch's where
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
