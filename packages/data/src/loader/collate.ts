import { stack, Tensor, tensor } from "@kindling/tensor";
import { DataError } from "../dataErrors.js";

/** A batch as {@link defaultCollate} builds it from items of the same structure. */
export type Collated = unknown;

/**
 * Stacks a list of items into a batch, as PyTorch's `default_collate`: tensors are stacked along a
 * new first dim; numbers become a float64 tensor (integers an int64 tensor, as PyTorch's
 * int → `torch.tensor` rule gives); booleans a bool tensor; strings stay a list; arrays (tuples)
 * and plain objects are collated field by field, keeping their structure.
 *
 * @example
 * ```ts
 * defaultCollate([[x0, 1], [x1, 0]]); // [stack([x0, x1]), tensor([1, 0]) (int64)]
 * ```
 */
export function defaultCollate(items: readonly unknown[]): Collated {
  if (items.length === 0) throw new DataError("cannot collate an empty batch");
  const first = items[0];
  if (first instanceof Tensor) {
    for (const item of items) {
      if (!(item instanceof Tensor) || !sameShape(item.shape, first.shape)) {
        const shape = item instanceof Tensor ? `[${item.shape.join(", ")}]` : typeof item;
        throw new DataError(
          `stack expects each tensor to be equal size, but got [${first.shape.join(", ")}] at entry 0 and ${shape} at another entry`,
        );
      }
    }
    return stack(items as Tensor[], 0);
  }
  if (typeof first === "number") {
    const values = items as number[];
    return tensor(values, { dtype: values.every(Number.isInteger) ? "int64" : "float64" });
  }
  if (typeof first === "bigint") return tensor(items as bigint[], { dtype: "int64" });
  if (typeof first === "boolean") return tensor(items as boolean[], { dtype: "bool" });
  if (typeof first === "string") return [...items];
  if (Array.isArray(first)) {
    for (const item of items) {
      if (!Array.isArray(item) || item.length !== first.length) {
        throw new DataError("each element in list of batch should be of equal size");
      }
    }
    return first.map((_, k) => defaultCollate(items.map((item) => (item as unknown[])[k])));
  }
  if (first !== null && typeof first === "object") {
    return Object.fromEntries(
      Object.keys(first).map((key) => [
        key,
        defaultCollate(items.map((item) => (item as Record<string, unknown>)[key])),
      ]),
    );
  }
  throw new DataError(
    `default_collate: batch must contain tensors, numbers, arrays or objects; found ${typeof first}`,
  );
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
