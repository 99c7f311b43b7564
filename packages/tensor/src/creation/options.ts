import type { DType } from "../dtype.js";
import { ShapeError } from "../errors.js";
import { rejectUnknownOptions } from "../options/rejectUnknownOptions.js";
import { contiguousStrides, shapeSize } from "../shape/dims.js";
import { allocate, type Storage } from "../storage.js";
import { Tensor } from "../tensor.js";

/** Options of the creation functions (`zeros`, `tensor`, ...). */
export interface CreationOptions {
  /** Element type. Default float32 (the `*Like` forms default to the source's dtype). */
  dtype?: DType;
  /** Make the new tensor a leaf that requires grad (floating dtypes only). Default false. */
  requiresGrad?: boolean;
}

/** The keys of {@link CreationOptions}. */
const CREATION_OPTIONS = [
  "dtype",
  "requiresGrad",
] as const satisfies readonly (keyof CreationOptions)[];
/** The same with the random functions' `generator`. */
const RANDOM_OPTIONS = [...CREATION_OPTIONS, "generator"] as const;

/**
 * Refuses a key the creation functions do not take (`{ dtpye: "float64" }` would otherwise give
 * float32 without a word), as PyTorch's TypeError for an unexpected keyword argument.
 */
export function checkCreationOptions(options: object, random = false): void {
  if (typeof options !== "object" && options !== undefined) {
    // full([2], 3, 4): the 4 would be dropped without a word.
    throw new TypeError(
      `a creation function got ${String(options)} where its options object goes (full([2, 3], 7, { dtype: "float64" }))`,
    );
  }
  rejectUnknownOptions(
    random ? "a random creation function" : "a creation function",
    options,
    random ? RANDOM_OPTIONS : CREATION_OPTIONS,
  );
}

/** A shape given as an array of sizes or, for 1-d, a single size. */
export type ShapeLike = number | readonly number[];

/** Reads a {@link ShapeLike}, refusing negative or fractional sizes. */
export function toShape(shape: ShapeLike): readonly number[] {
  const list = typeof shape === "number" ? [shape] : shape;
  for (const s of list) {
    if (!Number.isInteger(s)) {
      throw new ShapeError(
        `Tensor sizes must be integers, got ${String(s)} in [${list.join(", ")}]`,
      );
    }
    if (s < 0) {
      throw new ShapeError(
        `Trying to create tensor with negative dimension ${s}: [${list.join(", ")}]`,
      );
    }
  }
  return list;
}

/** A new contiguous tensor of `shape` and `dtype` over `storage` (zeros when omitted). */
export function makeTensor(
  shape: readonly number[],
  dtype: DType,
  options: CreationOptions,
  storage: Storage = allocate(dtype, shapeSize(shape)),
): Tensor {
  checkCreationOptions(options);
  const out = new Tensor(storage, shape, contiguousStrides(shape), 0, dtype);
  if (options.requiresGrad === true) out.requiresGrad = true;
  return out;
}
