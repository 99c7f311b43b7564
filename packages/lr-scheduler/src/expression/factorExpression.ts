import type { ExpressionNode } from "./ast.js";
import { type CompiledExpression, compileExpression } from "./compile.js";
import type { ExpressionEvaluationError } from "./evaluationError.js";
import { parseExpression } from "./parse.js";

/**
 * A factor function declared as data: an expression of one variable (`epoch` by default), parsed
 * once and evaluated without ever running source text as code. LambdaLR and MultiplicativeLR
 * accept one (or its source string) wherever PyTorch takes a lambda, and keep its source in
 * `stateDict()`; CyclicLR accepts one of `x` as `scaleFn`.
 *
 * Evaluation follows Python: where Python raises (`1 / epoch` at epoch 0, `sqrt(epoch - 1)`,
 * `exp(1000)`), `evaluate` throws an {@link ExpressionEvaluationError} with Python's exception and
 * message instead of returning an infinite or NaN factor.
 *
 * @example
 * ```ts
 * const f = new FactorExpression("0.95 ** epoch");
 * f.evaluate(2); // 0.9025
 * f.source; // "0.95 ** epoch"
 * ```
 */
export class FactorExpression {
  /** The expression as written. */
  readonly source: string;
  /** Its syntax tree. */
  readonly tree: ExpressionNode;
  /** The expression as a function of its variable. */
  readonly evaluate: CompiledExpression;

  /**
   * @param source - The expression (see `parseExpression` for the grammar).
   * @param variable - Its variable's name. Default `"epoch"`.
   * @param role - PyTorch's name for the function it stands for, in evaluation errors. Default
   *   `"scale_fn"` for the variable `x` (CyclicLR), `"lr_lambda"` otherwise.
   * @throws ExpressionSyntaxError when it does not parse.
   */
  constructor(
    source: string,
    variable = "epoch",
    role = variable === "x" ? "scale_fn" : "lr_lambda",
  ) {
    this.source = source;
    this.tree = parseExpression(source, [variable]);
    this.evaluate = compileExpression(this.tree, { source, variable, role });
  }
}
