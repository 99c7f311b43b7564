import { check } from "../errors.js";

/**
 * Checks that a strided view fits its storage: sizes, strides and offset are non-negative safe
 * integers, as many strides as sizes, and every element the view reaches (the last one is
 * `offset + Σ (size - 1) · stride`) lies below `storageLength`. Returns the view's element count.
 *
 * @throws {SerializeError} `OUT_OF_RANGE` naming `what` when it does not fit.
 */
export function checkView(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  storageLength: number,
  what: string,
): number {
  const isCount = (n: unknown): boolean =>
    typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
  check(
    shape.length === strides.length &&
      shape.every(isCount) &&
      strides.every(isCount) &&
      isCount(offset),
    "OUT_OF_RANGE",
    () =>
      `${what}: shape [${shape.join(", ")}], strides [${strides.join(", ")}] and offset ${offset} must be non-negative integers, one stride per dimension`,
  );
  let last = offset;
  let numel = 1;
  for (let d = 0; d < shape.length; d++) {
    numel *= shape[d]!;
    last += (shape[d]! - 1) * strides[d]!;
  }
  check(
    Number.isSafeInteger(last) && Number.isSafeInteger(numel),
    "OUT_OF_RANGE",
    () => `${what}: the view is too large`,
  );
  check(
    numel === 0 || last < storageLength,
    "OUT_OF_RANGE",
    () =>
      `${what}: a view of shape [${shape.join(", ")}], strides [${strides.join(", ")}] at offset ${offset} reaches element ${last} of a storage of ${storageLength}`,
  );
  return numel;
}
