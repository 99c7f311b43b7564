import type { ExpressionNode } from "./ast.js";
import { CONSTANTS } from "./functions.js";

/** Evaluates a subtree at the variable's value (the compiler's own evaluation). */
export type Evaluate = (node: ExpressionNode, value: number) => number;

/** Python's `min`/`max`: the first argument no other is below (above). */
function chosenArgument(
  args: readonly ExpressionNode[],
  value: number,
  evaluate: Evaluate,
  isMax: boolean,
): ExpressionNode {
  let best = args[0]!;
  let bestValue = evaluate(best, value);
  for (const arg of args.slice(1)) {
    const v = evaluate(arg, value);
    if (isMax ? v > bestValue : v < bestValue) {
      best = arg;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Whether `node` is a Python int when the variable is `value`, which decides Python's message for
 * a division by zero (`1 / 0`: "division by zero", `1.0 / 0`: "float division by zero"). Literals
 * without a point or exponent are ints, the variable is an int when its value is integral (as
 * PyTorch's `last_epoch` is), `/` and the `math` functions give floats, `floor`/`ceil` and
 * comparisons give ints. Only called after an operation failed, so it may evaluate subtrees.
 */
export function isPythonInt(node: ExpressionNode, value: number, evaluate: Evaluate): boolean {
  const int = (n: ExpressionNode): boolean => isPythonInt(n, value, evaluate);
  switch (node.type) {
    case "number":
      return Number.isInteger(node.value) && node.float !== true;
    case "name":
      return !Object.hasOwn(CONSTANTS, node.name) && Number.isInteger(value);
    case "unary":
      return int(node.operand);
    case "conditional":
      return int(evaluate(node.test, value) !== 0 ? node.consequent : node.alternate);
    case "binary":
      switch (node.operator) {
        case "/":
          return false;
        case "**":
          return int(node.left) && int(node.right) && evaluate(node.right, value) >= 0;
        case "+":
        case "-":
        case "*":
        case "//":
        case "%":
          return int(node.left) && int(node.right);
        default:
          return true; // a comparison: a bool, which is an int
      }
    case "call":
      switch (node.callee) {
        case "floor":
        case "ceil":
          return true;
        case "abs":
          return int(node.args[0]!);
        case "min":
        case "max":
          return int(chosenArgument(node.args, value, evaluate, node.callee === "max"));
        case "pow":
          return int(node.args[0]!) && int(node.args[1]!) && evaluate(node.args[1]!, value) >= 0;
        default:
          return false;
      }
  }
}
