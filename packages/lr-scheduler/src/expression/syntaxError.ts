import { SchedulerError } from "../base/errors.js";

/**
 * A factor expression that does not parse: the message names the 0-based `position` and shows it
 * under the source.
 *
 * @example
 * ```ts
 * try { parseExpression("0.95 ** ") } catch (e) {
 *   (e as ExpressionSyntaxError).position; // 8
 *   (e as ExpressionSyntaxError).message;
 *   // Expected a number, a name or "(", found the end at position 8
 *   //   0.95 **
 *   //           ^
 * }
 * ```
 */
export class ExpressionSyntaxError extends SchedulerError {
  /** The 0-based offset in `source` where parsing stopped. */
  readonly position: number;
  /** The expression that failed to parse. */
  readonly source: string;

  /**
   * @param reason - What was expected and found.
   * @param source - The whole expression.
   * @param position - The 0-based offset of the problem.
   */
  constructor(reason: string, source: string, position: number) {
    super(`${reason} at position ${position}\n  ${source}\n  ${" ".repeat(position)}^`);
    this.name = "ExpressionSyntaxError";
    this.position = position;
    this.source = source;
  }
}
