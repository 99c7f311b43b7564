import { ShapeError } from "@kindling/tensor";

/** `[10, 3]`, as layers print shapes in their errors. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * Refuses a hyper-parameter that is not an integer of at least `min`, naming the layer, the
 * parameter and the valid range.
 */
export function checkInteger(layer: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${layer}: ${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Refuses a hyper-parameter outside [lo, hi], naming the layer, the parameter and the range. */
export function checkRange(
  layer: string,
  name: string,
  value: number,
  lo: number,
  hi: number,
): void {
  if (!(value >= lo && value <= hi)) {
    throw new RangeError(`${layer}: ${name} must be in [${lo}, ${hi}], got ${value}`);
  }
}

/** Throws a ShapeError naming the layer, what it expected and the shape it received. */
export function inputShapeError(
  layer: string,
  expected: string,
  received: readonly number[],
): never {
  throw new ShapeError(
    `${layer}: expected input of shape ${expected}, received shape ${formatShape(received)}`,
  );
}
