import { pyPow } from "./pyPow.js";

/**
 * The functions a factor expression may call, with their arity (`min`/`max` take one or more):
 * Python's built-in `min`, `max`, `abs` and `pow`, and the rest from its `math` module. Where
 * Python raises (see `failures.ts`), the result here is NaN or an infinity.
 */
export const FUNCTIONS: Readonly<
  Record<
    string,
    { readonly arity: readonly [number, number]; readonly fn: (...a: number[]) => number }
  >
> = {
  min: { arity: [1, Number.POSITIVE_INFINITY], fn: Math.min },
  max: { arity: [1, Number.POSITIVE_INFINITY], fn: Math.max },
  abs: { arity: [1, 1], fn: Math.abs },
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  exp: { arity: [1, 1], fn: Math.exp },
  log: {
    arity: [1, 2],
    // A base <= 0 gives NaN (Python raises), not log(x) / log(0) = -0.
    fn: (x, base) =>
      base === undefined ? Math.log(x) : base <= 0 ? Number.NaN : Math.log(x) / Math.log(base),
  },
  cos: { arity: [1, 1], fn: Math.cos },
  sin: { arity: [1, 1], fn: Math.sin },
  tan: { arity: [1, 1], fn: Math.tan },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  pow: { arity: [2, 2], fn: pyPow },
};

/** The named constants: `pi` and `e` (Python's `math.pi`, `math.e`). */
export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };
