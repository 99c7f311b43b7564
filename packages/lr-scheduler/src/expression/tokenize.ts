import { ExpressionSyntaxError } from "./syntaxError.js";

/** One token: its kind, text and 0-based start. */
export interface Token {
  readonly kind: "number" | "name" | "operator" | "end";
  readonly text: string;
  readonly position: number;
}

const OPERATORS = [
  "**",
  "//",
  "<=",
  ">=",
  "==",
  "!=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "(",
  ")",
  ",",
  "?",
  ":",
];
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits a factor expression into tokens, ending with an `end` token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const number = NUMBER.exec(rest);
    if (number !== null) {
      tokens.push({ kind: "number", text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      tokens.push({ kind: "name", text: name[0], position: i });
      i += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (operator === undefined) {
      throw new ExpressionSyntaxError(`Unexpected character ${JSON.stringify(ch)}`, source, i);
    }
    tokens.push({ kind: "operator", text: operator, position: i });
    i += operator.length;
  }
  tokens.push({ kind: "end", text: "", position: source.length });
  return tokens;
}
