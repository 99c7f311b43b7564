import type { BinaryOperator, ExpressionNode } from "./ast.js";
import { CONSTANTS, FUNCTIONS } from "./functions.js";
import { pyPow } from "./pyPow.js";

/** A compiled expression of one variable. */
export type CompiledExpression = (value: number) => number;

/** Python's float `%`: the remainder takes the sign of the divisor. */
export function pythonMod(a: number, b: number): number {
  const mod = a % b;
  return mod !== 0 && b < 0 !== mod < 0 ? mod + b : mod;
}

/** Python's float `//`: `floor(a / b)` computed as CPython does, through the remainder. */
export function pythonFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (a / b); // keeps the sign of zero, as CPython does
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

const BINARY: Readonly<Record<BinaryOperator, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "//": pythonFloorDiv,
  "%": pythonMod,
  "**": pyPow,
  "<": (a, b) => (a < b ? 1 : 0),
  "<=": (a, b) => (a <= b ? 1 : 0),
  ">": (a, b) => (a > b ? 1 : 0),
  ">=": (a, b) => (a >= b ? 1 : 0),
  "==": (a, b) => (a === b ? 1 : 0),
  "!=": (a, b) => (a !== b ? 1 : 0),
};

/**
 * Turns a syntax tree into a function of its one variable by walking the tree once: each node
 * becomes a small closure built here, at compile time. No source text is ever evaluated as code,
 * and evaluating allocates nothing.
 */
export function compileExpression(node: ExpressionNode): CompiledExpression {
  switch (node.type) {
    case "number": {
      const value = node.value;
      return () => value;
    }
    case "name": {
      const constant = Object.hasOwn(CONSTANTS, node.name) ? CONSTANTS[node.name] : undefined;
      if (constant !== undefined) return () => constant;
      return (value) => value;
    }
    case "unary": {
      const operand = compileExpression(node.operand);
      return node.operator === "-" ? (v) => -operand(v) : operand;
    }
    case "binary": {
      const left = compileExpression(node.left);
      const right = compileExpression(node.right);
      const op = BINARY[node.operator];
      return (v) => op(left(v), right(v));
    }
    case "conditional": {
      const test = compileExpression(node.test);
      const consequent = compileExpression(node.consequent);
      const alternate = compileExpression(node.alternate);
      return (v) => (test(v) !== 0 ? consequent(v) : alternate(v));
    }
    case "call": {
      const fn = FUNCTIONS[node.callee]!.fn;
      const args = node.args.map(compileExpression);
      if (args.length === 1) {
        const a = args[0]!;
        return (v) => fn(a(v));
      }
      if (args.length === 2) {
        const a = args[0]!;
        const b = args[1]!;
        return (v) => fn(a(v), b(v));
      }
      const values = new Array<number>(args.length);
      return (v) => {
        for (let i = 0; i < args.length; i++) values[i] = args[i]!(v);
        return fn(...values);
      };
    }
  }
}
