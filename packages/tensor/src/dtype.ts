/**
 * The element types a tensor can hold, named as PyTorch names them.
 * - `float32`: the default, IEEE single precision (`torch.float32`);
 * - `float64`: IEEE double precision (`torch.float64`);
 * - `int64`: 64-bit signed integers (`torch.int64`), exact over their whole range;
 * - `bool`: `torch.bool`.
 */
export type DType = "float32" | "float64" | "int64" | "bool";

/** Every {@link DType}, in PyTorch's promotion order from narrowest to widest category. */
export const DTYPES: readonly DType[] = ["bool", "int64", "float32", "float64"];

/**
 * Bytes per element of each dtype, as stored by PyTorch (`tensor.element_size()`).
 *
 * @example
 * ```ts
 * dtypeByteSize("float32"); // 4
 * ```
 */
export function dtypeByteSize(dtype: DType): number {
  switch (dtype) {
    case "float32":
      return 4;
    case "float64":
    case "int64":
      return 8;
    case "bool":
      return 1;
  }
}

/** True for the floating-point dtypes, the only ones that can require gradients. */
export function isFloatingPoint(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** Position of each dtype's category in PyTorch's promotion lattice: bool < integer < floating. */
const CATEGORY: Record<DType, number> = { bool: 0, int64: 1, float32: 2, float64: 2 };

/**
 * The dtype two tensors of dtypes `a` and `b` promote to (`torch.promote_types`): the wider
 * category wins (bool < int64 < float), and float64 beats float32.
 *
 * @example
 * ```ts
 * promoteTypes("int64", "float32"); // "float32"
 * promoteTypes("float32", "float64"); // "float64"
 * ```
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  if (a === "int64" || b === "int64") return "int64";
  return "bool";
}

/** True when `dtype`'s promotion category (bool < integer < floating) is above `than`'s. */
export function isHigherCategory(dtype: DType, than: DType): boolean {
  return CATEGORY[dtype] > CATEGORY[than];
}

/** The dtype tensors get when none is given, as `torch.get_default_dtype()`: float32. */
export const DEFAULT_DTYPE: DType = "float32";

/**
 * True when a value of dtype `from` may be written into a tensor of dtype `to` by an in-place op
 * (`torch.can_cast`): never to a lower category (float into int64, int64 into bool).
 */
export function canCast(from: DType, to: DType): boolean {
  return CATEGORY[from] <= CATEGORY[to];
}
