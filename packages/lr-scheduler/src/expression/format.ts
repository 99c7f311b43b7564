import type { ExpressionNode } from "./ast.js";

/**
 * Writes a syntax tree back as source, fully parenthesised, so that
 * `parseExpression(formatExpression(tree))` gives `tree` back.
 *
 * @example
 * ```ts
 * formatExpression(parseExpression("1 - epoch / 10 * 2")); // "(1 - ((epoch / 10) * 2))"
 * ```
 */
export function formatExpression(node: ExpressionNode): string {
  switch (node.type) {
    case "number": {
      const text = String(node.value);
      return node.float === true && !/[.e]/.test(text) ? `${text}.0` : text;
    }
    case "name":
      return node.name;
    case "unary":
      return `(${node.operator}${formatExpression(node.operand)})`;
    case "binary":
      return `(${formatExpression(node.left)} ${node.operator} ${formatExpression(node.right)})`;
    case "call":
      return `${node.callee}(${node.args.map(formatExpression).join(", ")})`;
    case "conditional":
      return `(${formatExpression(node.test)} ? ${formatExpression(node.consequent)} : ${formatExpression(node.alternate)})`;
  }
}
