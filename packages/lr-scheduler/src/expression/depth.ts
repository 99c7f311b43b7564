import type { ExpressionNode } from "./ast.js";

/**
 * How deeply an expression may nest: parentheses, calls, unary signs and `**` chains while parsing
 * (Python's own parser stops at 200 nested parentheses), and the syntax tree's depth after it
 * (evaluation walks the tree recursively). Deeper input is refused with an
 * `ExpressionSyntaxError` instead of overflowing the stack.
 */
export const MAX_EXPRESSION_NESTING = 200;

/** The largest syntax-tree depth accepted (long `a + b + c + ...` chains). */
export const MAX_EXPRESSION_DEPTH = 2000;

function children(node: ExpressionNode): readonly ExpressionNode[] {
  switch (node.type) {
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "call":
      return node.args;
    case "conditional":
      return [node.test, node.consequent, node.alternate];
    default:
      return [];
  }
}

/** The depth of a syntax tree, computed without recursion. @internal */
export function treeDepth(root: ExpressionNode): number {
  let deepest = 0;
  const stack: [ExpressionNode, number][] = [[root, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > deepest) deepest = depth;
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
