import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ExpressionNode,
  ExpressionSyntaxError,
  FactorExpression,
  formatExpression,
  parseExpression,
} from "../index.js";
import { compileExpression, pythonFloorDiv, pythonMod } from "./compile.js";
import { ExpressionEvaluationError } from "./evaluationError.js";
import { pyPow } from "./pyPow.js";

const evaluate = (source: string, epoch: number) => new FactorExpression(source).evaluate(epoch);

describe("factor expressions", () => {
  it("follows Python's precedence and meaning", () => {
    expect(evaluate("0.95 ** epoch", 2)).toBe(0.95 ** 2);
    expect(evaluate("-2 ** 2", 0)).toBe(-4);
    expect(evaluate("2 ** -1", 0)).toBe(0.5);
    expect(evaluate("2 ** 3 ** 2", 0)).toBe(512);
    expect(evaluate("epoch // 30", 59)).toBe(1);
    expect(evaluate("-7 // 2", 0)).toBe(-4);
    expect(evaluate("-7 % 3", 0)).toBe(2);
    expect(evaluate("1 / sqrt(max(epoch, 1))", 0)).toBe(1);
    expect(evaluate("epoch < 5 ? 1 : 0.5", 7)).toBe(0.5);
    expect(evaluate("log(8, 2)", 0)).toBe(Math.log(8) / Math.log(2));
    expect(evaluate("cos(pi * epoch / 4)", 4)).toBe(Math.cos(Math.PI));
  });

  it("names the position of a syntax error", () => {
    let error: ExpressionSyntaxError | undefined;
    try {
      parseExpression("0.95 ** ");
    } catch (e) {
      error = e as ExpressionSyntaxError;
    }
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect(error?.position).toBe(8);
    expect(error?.message).toContain(
      'Expected a number, a name or "(", found the end at position 8',
    );
    expect(() => parseExpression("epoc + 1")).toThrow('Unknown name "epoc"');
    expect(() => parseExpression("constructor(1)")).toThrow("Unknown function");
    expect(() => parseExpression("sqrt(1, 2)")).toThrow("sqrt() takes 1 argument, got 2");
    expect(() => parseExpression("1 $ 2")).toThrow('Unexpected character "$" at position 2');
    expect(() => parseExpression("(1 + 2")).toThrow('Expected ")"');
  });

  it("matches CPython's // and % on floats", () => {
    expect(pythonFloorDiv(7.5, -2)).toBe(-4);
    expect(pythonMod(7.5, -2)).toBe(-0.5);
    expect(Object.is(pythonFloorDiv(-0.5, 3), -1)).toBe(true);
  });
});

const leaf: fc.Arbitrary<ExpressionNode> = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((value) => ({ type: "number" as const, value })),
  fc.constantFrom<ExpressionNode>({ type: "name", name: "epoch" }, { type: "name", name: "pi" }),
);

const { tree } = fc.letrec<{ tree: ExpressionNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({
      type: fc.constant("binary" as const),
      operator: fc.constantFrom(
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "**",
        "<",
        "<=",
        ">",
        ">=",
        "==",
        "!=" as const,
      ),
      left: tie("tree"),
      right: tie("tree"),
    }) as fc.Arbitrary<ExpressionNode>,
    fc.record({
      type: fc.constant("unary" as const),
      operator: fc.constantFrom("-", "+" as const),
      operand: tie("tree"),
    }) as fc.Arbitrary<ExpressionNode>,
    fc.record({
      type: fc.constant("call" as const),
      callee: fc.constantFrom("min", "max", "sqrt", "exp", "cos"),
      args: fc.array(tie("tree"), { minLength: 1, maxLength: 1 }),
    }) as fc.Arbitrary<ExpressionNode>,
    fc.record({
      type: fc.constant("conditional" as const),
      test: tie("tree"),
      consequent: tie("tree"),
      alternate: tie("tree"),
    }) as fc.Arbitrary<ExpressionNode>,
  ),
}));

/** Whether the last `reference` evaluation met a non-finite intermediate value. */
let sawNonFinite = false;

/** The reference: the same tree evaluated with JavaScript's own arithmetic. */
function reference(node: ExpressionNode, epoch: number): number {
  const value = referenceNode(node, epoch);
  if (!Number.isFinite(value)) sawNonFinite = true;
  return value;
}

function referenceNode(node: ExpressionNode, epoch: number): number {
  switch (node.type) {
    case "number":
      return node.value;
    case "name":
      return node.name === "pi" ? Math.PI : epoch;
    case "unary":
      return node.operator === "-"
        ? -reference(node.operand, epoch)
        : reference(node.operand, epoch);
    case "binary": {
      const a = reference(node.left, epoch);
      const b = reference(node.right, epoch);
      switch (node.operator) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return a / b;
        case "**":
          return pyPow(a, b);
        case "//":
          return pythonFloorDiv(a, b);
        case "%":
          return pythonMod(a, b);
        case "<":
          return a < b ? 1 : 0;
        case "<=":
          return a <= b ? 1 : 0;
        case ">":
          return a > b ? 1 : 0;
        case ">=":
          return a >= b ? 1 : 0;
        case "==":
          return a === b ? 1 : 0;
        case "!=":
          return a !== b ? 1 : 0;
      }
      break;
    }
    case "call": {
      const fn = { min: Math.min, max: Math.max, sqrt: Math.sqrt, exp: Math.exp, cos: Math.cos }[
        node.callee as "min"
      ];
      return fn(...node.args.map((a) => reference(a, epoch)));
    }
    case "conditional":
      return reference(node.test, epoch) !== 0
        ? reference(node.consequent, epoch)
        : reference(node.alternate, epoch);
  }
  throw new Error("unreachable");
}

describe("factor expressions, properties", () => {
  it("parse(format(tree)) gives the tree back", () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(parseExpression(formatExpression(t), ["epoch"])).toEqual(t);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but an ExpressionSyntaxError on arbitrary text", () => {
    const alphabet = fc.constantFrom(...'0123456789.eE+-*/%()<>=!?:, epochpisqrtmax_$#"'.split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet })), (source) => {
        try {
          parseExpression(source);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionSyntaxError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with JavaScript arithmetic on random expressions", () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 10_000 }), (t, epoch) => {
        const parsed = parseExpression(formatExpression(t));
        sawNonFinite = false;
        const expected = reference(t, epoch);
        let actual: number;
        try {
          actual = compileExpression(parsed)(epoch);
        } catch (error) {
          // Python raises only where JavaScript's arithmetic went non-finite somewhere.
          expect(error).toBeInstanceOf(ExpressionEvaluationError);
          expect(sawNonFinite).toBe(true);
          return;
        }
        expect(Object.is(actual, expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
