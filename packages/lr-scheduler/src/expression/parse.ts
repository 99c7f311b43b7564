import type { BinaryOperator, ExpressionNode } from "./ast.js";
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_NESTING, treeDepth } from "./depth.js";
import { CONSTANTS, FUNCTIONS } from "./functions.js";
import { ExpressionSyntaxError } from "./syntaxError.js";
import { type Token, tokenize } from "./tokenize.js";

/** Binding powers of the infix operators (Python's precedence; `**` is right-associative). */
const INFIX: Readonly<Record<string, number>> = {
  "?": 1,
  "<": 2,
  "<=": 2,
  ">": 2,
  ">=": 2,
  "==": 2,
  "!=": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "//": 4,
  "%": 4,
  "**": 6,
};
const UNARY = 5;

function describe(token: Token): string {
  return token.kind === "end" ? "the end" : JSON.stringify(token.text);
}

/**
 * Parses a factor expression into its syntax tree with a Pratt parser; nothing is evaluated.
 *
 * Grammar: numbers (`0.95`, `1e-3`), the variables given in `variables` (default `["epoch"]`), the
 * constants `pi` and `e`, calls of `min max abs sqrt exp log cos sin tan floor ceil pow`, the
 * operators `+ - * / // % **` with Python's precedence and meaning (`-2 ** 2` is `-4`, `//` floors,
 * `%` takes the sign of the divisor), comparisons `< <= > >= == !=` (1 or 0) and the conditional
 * `test ? a : b`.
 *
 * @throws {@link ExpressionSyntaxError} naming the position of the first problem.
 *
 * @example
 * ```ts
 * parseExpression("0.95 ** epoch");
 * // { type: "binary", operator: "**", left: { type: "number", value: 0.95 },
 * //   right: { type: "name", name: "epoch" } }
 * ```
 */
export function parseExpression(
  source: string,
  variables: readonly string[] = ["epoch"],
): ExpressionNode {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const fail = (reason: string, token: Token): never => {
    throw new ExpressionSyntaxError(`${reason}, found ${describe(token)}`, source, token.position);
  };
  const expect = (text: string): void => {
    const token = next();
    if (token.kind !== "operator" || token.text !== text) fail(`Expected "${text}"`, token);
  };

  function prefix(): ExpressionNode {
    const token = next();
    if (token.kind === "number") {
      const value = Number(token.text);
      if (!Number.isFinite(value)) fail("Number out of range", token);
      if (Number.isInteger(value) && /[.eE]/.test(token.text)) {
        return { type: "number", value, float: true };
      }
      return { type: "number", value };
    }
    if (token.kind === "name") {
      if (peek().text === "(" && peek().kind === "operator") {
        const spec = FUNCTIONS[token.text];
        if (spec === undefined || !Object.hasOwn(FUNCTIONS, token.text)) {
          return fail(`Unknown function ${JSON.stringify(token.text)}`, token);
        }
        next();
        const args: ExpressionNode[] = [];
        if (!(peek().kind === "operator" && peek().text === ")")) {
          args.push(expression(0));
          while (peek().kind === "operator" && peek().text === ",") {
            next();
            args.push(expression(0));
          }
        }
        const close = peek();
        expect(")");
        const [low, high] = spec.arity;
        if (args.length < low || args.length > high) {
          const wanted =
            low === high
              ? `${low}`
              : high === Number.POSITIVE_INFINITY
                ? `at least ${low}`
                : `${low} or ${high}`;
          throw new ExpressionSyntaxError(
            `${token.text}() takes ${wanted} argument${wanted === "1" ? "" : "s"}, got ${args.length}`,
            source,
            close.position,
          );
        }
        return { type: "call", callee: token.text, args };
      }
      if (variables.includes(token.text) || Object.hasOwn(CONSTANTS, token.text)) {
        return { type: "name", name: token.text };
      }
      const known = [...variables, ...Object.keys(CONSTANTS)].join(", ");
      return fail(`Unknown name ${JSON.stringify(token.text)} (known: ${known})`, token);
    }
    if (token.kind === "operator" && (token.text === "-" || token.text === "+")) {
      return { type: "unary", operator: token.text, operand: expression(UNARY) };
    }
    if (token.kind === "operator" && token.text === "(") {
      const inner = expression(0);
      expect(")");
      return inner;
    }
    return fail('Expected a number, a name or "("', token);
  }

  let nesting = 0;

  function expression(minPower: number): ExpressionNode {
    nesting += 1;
    if (nesting > MAX_EXPRESSION_NESTING) {
      throw new ExpressionSyntaxError(
        `Expression nested too deeply (more than ${MAX_EXPRESSION_NESTING} levels of parentheses, calls, signs or **)`,
        source,
        peek().position,
      );
    }
    try {
      return expressionBody(minPower);
    } finally {
      nesting -= 1;
    }
  }

  function expressionBody(minPower: number): ExpressionNode {
    let left = prefix();
    for (;;) {
      const token = peek();
      const power = token.kind === "operator" ? INFIX[token.text] : undefined;
      if (power === undefined || power <= minPower) break;
      next();
      if (token.text === "?") {
        const consequent = expression(0);
        expect(":");
        const alternate = expression(power - 1);
        left = { type: "conditional", test: left, consequent, alternate };
      } else if (token.text === "**") {
        // Right-associative, and its right operand may be negated: 2 ** -1, 2 ** 3 ** 2.
        left = { type: "binary", operator: "**", left, right: expression(UNARY - 1) };
      } else {
        left = {
          type: "binary",
          operator: token.text as BinaryOperator,
          left,
          right: expression(power),
        };
      }
    }
    return left;
  }

  const tree = expression(0);
  const rest = peek();
  if (rest.kind !== "end") fail("Expected an operator or the end", rest);
  if (treeDepth(tree) > MAX_EXPRESSION_DEPTH) {
    throw new ExpressionSyntaxError(
      `Expression too deeply nested (its syntax tree is more than ${MAX_EXPRESSION_DEPTH} levels deep)`,
      source,
      0,
    );
  }
  return tree;
}
