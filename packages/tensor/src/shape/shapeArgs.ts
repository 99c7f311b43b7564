import { ShapeError } from "../errors.js";

/** A shape given as separate numbers (`view(2, 3)`) or as one array (`view([2, 3])`). */
export type ShapeArgs = number[] | [readonly number[]];

/** Reads {@link ShapeArgs} into one array of sizes, checking they are integers. */
export function parseShape(args: ShapeArgs): readonly number[] {
  const first = args[0];
  const shape: readonly number[] = typeof first === "object" ? first : (args as number[]);
  for (const size of shape) {
    if (!Number.isInteger(size)) throw new ShapeError(`sizes must be integers, got ${size}`);
  }
  return shape;
}
