import type { BinaryOperator } from "./ast.js";
import type { PythonFailure } from "./evaluationError.js";

/*
 * Python's exceptions for the operations that can raise (CPython 3.11, as PyTorch 1.13 runs them).
 * Each check runs only when JavaScript's result is not finite, which is the case whenever Python
 * raises, and tells that apart from a NaN or infinity Python returns too (`inf - inf`, `1e308 * 10`).
 * `ints` says, lazily, whether both operands are Python ints: the messages differ.
 */

const DOMAIN: PythonFailure = ["ValueError", "math domain error"];
const RANGE: PythonFailure = ["OverflowError", "math range error"];
const INT_OVERFLOW: PythonFailure = ["OverflowError", "int too large to convert to float"];
const ZERO_POWER: PythonFailure = ["ZeroDivisionError", "0.0 cannot be raised to a negative power"];
const FLOAT_DIVISION: PythonFailure = ["ZeroDivisionError", "float division by zero"];

/** Why Python's `a op b` raises, or `undefined` when it returns `result` as JavaScript does. */
export type BinaryFailure = (
  a: number,
  b: number,
  result: number,
  ints: () => boolean,
) => PythonFailure | undefined;

/**
 * `**` and `pow()`: `0.0 ** -1` raises ZeroDivisionError; a finite power that overflows raises
 * OverflowError (`10.0 ** 400`: `(34, 'Numerical result out of range')`; `10 ** 400` is an int,
 * which raises `int too large to convert to float` as soon as it meets a float, as it does in
 * `base_lr * factor`).
 */
export const powFailure: BinaryFailure = (a, b, result, ints) => {
  if (a === 0 && b < 0) return ZERO_POWER;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Number.isNaN(result)) return undefined;
  if (ints() && b >= 0) return INT_OVERFLOW;
  return ["OverflowError", "(34, 'Numerical result out of range')"];
};

/** The binary operators that can raise. */
export const BINARY_FAILURES: Partial<Record<BinaryOperator, BinaryFailure>> = {
  // 1 / 0: "division by zero"; 1.0 / 0: "float division by zero"
  "/": (_a, b, _r, ints) =>
    b === 0
      ? ["ZeroDivisionError", ints() ? "division by zero" : "float division by zero"]
      : undefined,
  // 1 // 0: "integer division or modulo by zero"; 1.0 // 0: "float floor division by zero"
  "//": (_a, b, _r, ints) =>
    b === 0
      ? [
          "ZeroDivisionError",
          ints() ? "integer division or modulo by zero" : "float floor division by zero",
        ]
      : undefined,
  // 1 % 0: "integer modulo by zero"; 1.0 % 0: "float modulo"
  "%": (_a, b, _r, ints) =>
    b === 0 ? ["ZeroDivisionError", ints() ? "integer modulo by zero" : "float modulo"] : undefined,
  "**": powFailure,
};

/** Why Python's `math.<fn>(...args)` raises, or `undefined` when it returns `result` too. */
export type CallFailure = (
  args: readonly number[],
  result: number,
  ints: () => boolean,
) => PythonFailure | undefined;

/** `cos`, `sin`, `tan` of an infinity: `math domain error`. */
const trigFailure: CallFailure = ([x]) => (x === Infinity || x === -Infinity ? DOMAIN : undefined);

/** `floor`/`ceil` return ints: an infinity or NaN cannot become one. */
const toIntFailure: CallFailure = ([x]) => {
  if (Number.isNaN(x)) return ["ValueError", "cannot convert float NaN to integer"];
  if (!Number.isFinite(x)) return ["OverflowError", "cannot convert float infinity to integer"];
  return undefined;
};

/** The functions that can raise (`min`, `max`, `abs` cannot). */
export const CALL_FAILURES: Readonly<Record<string, CallFailure>> = {
  sqrt: ([x]) => (x! < 0 ? DOMAIN : undefined),
  exp: ([x], result) => (Number.isFinite(x) && result === Infinity ? RANGE : undefined),
  log: ([x, base]) => {
    if (x! <= 0 || base! <= 0) return DOMAIN;
    return base === 1 ? FLOAT_DIVISION : undefined; // log(x) / log(1)
  },
  cos: trigFailure,
  sin: trigFailure,
  tan: trigFailure,
  floor: toIntFailure,
  ceil: toIntFailure,
  pow: ([a, b], result, ints) => powFailure(a!, b!, result, ints),
};
