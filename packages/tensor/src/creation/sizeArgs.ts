import { type ShapeLike, toShape } from "./options.js";

/**
 * The arguments of `zeros`, `ones`, `empty`, `rand` and `randn`, in either of PyTorch's forms:
 * a shape (an array, or one size for 1-d) then options, `zeros([2, 3], { dtype })`; or the sizes
 * as separate numbers, optionally followed by options, `zeros(2, 3, { dtype })` as
 * `torch.zeros(2, 3, dtype=...)`.
 */
export type SizeArgs<O> =
  | [shape: ShapeLike, options?: O]
  | [...size: number[], options: O]
  | number[];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array [${value.join(", ")}]`;
  if (typeof value === "string") return `the string "${value}"`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/**
 * Reads {@link SizeArgs} into the shape (checked as {@link toShape} checks it) and the options
 * object (unchecked: the caller checks its keys). Refuses, with a TypeError naming the argument,
 * anything else: no shape at all, a non-number among the sizes, more than one options argument.
 */
export function readSizeArgs<O extends object>(
  fn: string,
  args: readonly unknown[],
): [readonly number[], O] {
  const first = args[0];
  if (typeof first !== "number") {
    if (!Array.isArray(first)) {
      throw new TypeError(
        `${fn}(): the shape goes first, as an array or as sizes (${fn}([2, 3]) or ${fn}(2, 3)); got ${describe(first)}`,
      );
    }
    if (args.length > 2) {
      throw new TypeError(
        `${fn}(): got ${args.length} arguments after an array shape; options go in one object (${fn}([2, 3], { dtype: "float64" }))`,
      );
    }
    return [toShape(first as readonly number[]), (args[1] ?? {}) as O];
  }
  let end = 1;
  while (end < args.length && typeof args[end] === "number") end++;
  const rest = args[end];
  if (end < args.length - 1 || (end === args.length - 1 && !isOptions(rest))) {
    throw new TypeError(
      `${fn}(): argument ${end + 1} is ${describe(rest)}; sizes are numbers, and only an options object may follow them (${fn}(2, 3, { dtype: "float64" }))`,
    );
  }
  return [toShape(args.slice(0, end) as number[]), (rest ?? {}) as O];
}

function isOptions(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
