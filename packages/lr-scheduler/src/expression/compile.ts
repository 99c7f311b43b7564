import type { BinaryOperator, ExpressionNode } from "./ast.js";
import {
  type EvaluationContext,
  ExpressionEvaluationError,
  type PythonFailure,
} from "./evaluationError.js";
import { BINARY_FAILURES, CALL_FAILURES } from "./failures.js";
import { formatExpression } from "./format.js";
import { CONSTANTS, FUNCTIONS } from "./functions.js";
import { pyPow } from "./pyPow.js";
import { isPythonInt } from "./pythonType.js";

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

/** Evaluates a subtree once, for the error path (which needs operand types and values). */
function evaluateNode(node: ExpressionNode, value: number): number {
  return compileExpression(node)(value);
}

/** Whether all of `nodes` are Python ints at `value`. */
function allInts(nodes: readonly ExpressionNode[], value: number): boolean {
  return nodes.every((n) => isPythonInt(n, value, evaluateNode));
}

/** Throws Python's exception for a failed operation, or returns `result` when Python returns it too. */
function settle(
  failure: PythonFailure | undefined,
  result: number,
  context: EvaluationContext,
  value: number,
): number {
  if (failure === undefined) return result;
  throw new ExpressionEvaluationError(failure, context, value);
}

function compileBinary(
  node: Extract<ExpressionNode, { type: "binary" }>,
  context: EvaluationContext,
): CompiledExpression {
  const left = compileExpression(node.left, context);
  const right = compileExpression(node.right, context);
  const op = BINARY[node.operator];
  const check = BINARY_FAILURES[node.operator];
  if (check === undefined) return (v) => op(left(v), right(v));
  const operands = [node.left, node.right];
  return (v) => {
    const a = left(v);
    const b = right(v);
    const result = op(a, b);
    if (Number.isFinite(result)) return result;
    return settle(
      check(a, b, result, () => allInts(operands, v)),
      result,
      context,
      v,
    );
  };
}

function compileCall(
  node: Extract<ExpressionNode, { type: "call" }>,
  context: EvaluationContext,
): CompiledExpression {
  const fn = FUNCTIONS[node.callee]!.fn;
  const check = Object.hasOwn(CALL_FAILURES, node.callee) ? CALL_FAILURES[node.callee] : undefined;
  const args = node.args.map((arg) => compileExpression(arg, context));
  const fail = (values: readonly number[], result: number, v: number): number =>
    check === undefined
      ? result
      : settle(
          check(values, result, () => allInts(node.args, v)),
          result,
          context,
          v,
        );
  if (args.length === 1) {
    const a = args[0]!;
    return (v) => {
      const x = a(v);
      const result = fn(x);
      return Number.isFinite(result) ? result : fail([x], result, v);
    };
  }
  if (args.length === 2) {
    const a = args[0]!;
    const b = args[1]!;
    return (v) => {
      const x = a(v);
      const y = b(v);
      const result = fn(x, y);
      return Number.isFinite(result) ? result : fail([x, y], result, v);
    };
  }
  const values = new Array<number>(args.length);
  return (v) => {
    for (let i = 0; i < args.length; i++) values[i] = args[i]!(v);
    const result = fn(...values);
    return Number.isFinite(result) ? result : fail(values, result, v);
  };
}

/**
 * Turns a syntax tree into a function of its one variable by walking the tree once: each node
 * becomes a small closure built here, at compile time. No source text is ever evaluated as code,
 * and evaluating allocates nothing.
 *
 * Where Python raises (a division by zero, a math domain error, an overflow), evaluation throws an
 * {@link ExpressionEvaluationError} naming Python's exception and message, `context`'s role and
 * source, and the variable's value. Only the operations that can raise are checked, and only when
 * their result is not finite.
 *
 * @param node - The syntax tree.
 * @param context - Where the expression comes from, for error messages. Default: the formatted
 *   tree, variable `epoch`, role `expression`.
 */
export function compileExpression(
  node: ExpressionNode,
  context: EvaluationContext = {
    source: formatExpression(node),
    variable: "epoch",
    role: "expression",
  },
): CompiledExpression {
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
      const operand = compileExpression(node.operand, context);
      return node.operator === "-" ? (v) => -operand(v) : operand;
    }
    case "binary":
      return compileBinary(node, context);
    case "conditional": {
      const test = compileExpression(node.test, context);
      const consequent = compileExpression(node.consequent, context);
      const alternate = compileExpression(node.alternate, context);
      return (v) => (test(v) !== 0 ? consequent(v) : alternate(v));
    }
    case "call":
      return compileCall(node, context);
  }
}
