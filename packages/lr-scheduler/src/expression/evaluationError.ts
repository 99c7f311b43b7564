import { SchedulerError, type SchedulerErrorKind } from "../base/errors.js";

/** Where an expression is evaluated, for the error message: its source, variable and role. */
export interface EvaluationContext {
  /** The expression as written. */
  readonly source: string;
  /** Its variable's name (`epoch`, `x`). */
  readonly variable: string;
  /** PyTorch's name for the function it stands for (`lr_lambda`, `scale_fn`). */
  readonly role: string;
}

/** A Python exception: its type and message (`["ValueError", "math domain error"]`). */
export type PythonFailure = readonly [kind: SchedulerErrorKind, message: string];

/**
 * A factor expression that raises where Python raises: division or modulo by zero, a math domain
 * error (`sqrt` of a negative number, `log` of 0) or an overflow (`exp(1000)`, `10.0 ** 400`).
 * `kind` is Python's exception and the message is Python's, followed by where it happened.
 *
 * @example
 * ```ts
 * try { new LambdaLR(optimizer, { lrLambda: "1 / epoch" }) } catch (e) {
 *   (e as ExpressionEvaluationError).kind; // "ZeroDivisionError"
 *   (e as ExpressionEvaluationError).message;
 *   // ZeroDivisionError: division by zero in lr_lambda "1 / epoch" at epoch 0
 * }
 * ```
 */
export class ExpressionEvaluationError extends SchedulerError {
  /** The expression that raised. */
  readonly source: string;
  /** The value of its variable when it raised. */
  readonly value: number;
  /** Python's own message (`"float division by zero"`). */
  readonly pythonMessage: string;

  /**
   * @param failure - Python's exception type and message.
   * @param context - The expression, its variable and its role.
   * @param value - The variable's value.
   */
  constructor(failure: PythonFailure, context: EvaluationContext, value: number) {
    const [kind, pythonMessage] = failure;
    const where = `${context.role} ${JSON.stringify(context.source)} at ${context.variable} ${value}`;
    super(`${kind}: ${pythonMessage} in ${where}`, kind);
    this.name = "ExpressionEvaluationError";
    this.source = context.source;
    this.value = value;
    this.pythonMessage = pythonMessage;
  }
}
