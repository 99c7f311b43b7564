import { check, SerializeError } from "../errors.js";
import { checkView } from "../tensor/checkView.js";
import type { TensorData } from "../tensor/tensorData.js";
import { PyTuple } from "./pyTypes.js";
import { StorageRef } from "./storageRef.js";

/**
 * `torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
 * backward_hooks[, metadata])` (and the older `_rebuild_tensor` without the last three): a
 * {@link TensorData} view of the storage, after checking that sizes and strides are non-negative
 * integers and that every element the view reaches lies inside the storage.
 *
 * @throws {SerializeError} `BAD_PICKLE` for malformed arguments, `OUT_OF_RANGE` for a view that
 * reaches outside its storage.
 */
export function rebuildTensor(args: readonly unknown[], name: string): TensorData {
  const [storage, offset, size, stride, requiresGrad] = args;
  const arity = name === "_rebuild_tensor" ? [4] : [6, 7];
  check(
    arity.includes(args.length),
    "BAD_PICKLE",
    () => `${name} takes ${arity.join(" or ")} arguments, got ${args.length}`,
  );
  if (!(storage instanceof StorageRef)) {
    throw new SerializeError("BAD_PICKLE", `${name}: the first argument is not a storage`);
  }
  check(typeof offset === "number", "BAD_PICKLE", () => `${name}: storage offset is not an int`);
  const shape = intTuple(size, name, "size");
  const strides = intTuple(stride, name, "stride");
  check(
    requiresGrad === undefined || typeof requiresGrad === "boolean",
    "BAD_PICKLE",
    () => `${name}: requires_grad is not a bool`,
  );
  checkView(shape, strides, offset, storage.array.length, `${name} on storage '${storage.key}'`);
  return {
    dtype: storage.dtype,
    shape,
    strides,
    storageOffset: offset,
    storage: storage.array,
    requiresGrad: requiresGrad === true,
  };
}

/** `torch._utils._rebuild_parameter(data, requires_grad, backward_hooks[, state])`: the tensor, flagged. */
export function rebuildParameter(args: readonly unknown[], name: string): TensorData {
  const [data, requiresGrad] = args;
  check(
    args.length === 3 || args.length === 4,
    "BAD_PICKLE",
    () => `${name} takes 3 or 4 arguments, got ${args.length}`,
  );
  check(isTensor(data), "BAD_PICKLE", () => `${name}: the first argument is not a tensor`);
  check(
    typeof requiresGrad === "boolean",
    "BAD_PICKLE",
    () => `${name}: requires_grad is not a bool`,
  );
  return { ...data, requiresGrad };
}

function isTensor(value: unknown): value is TensorData {
  return typeof value === "object" && value !== null && "storage" in value && "strides" in value;
}

function intTuple(value: unknown, name: string, what: string): number[] {
  if (!(value instanceof PyTuple))
    throw new SerializeError("BAD_PICKLE", `${name}: ${what} is not a tuple`);
  for (const item of value) {
    check(
      typeof item === "number",
      "BAD_PICKLE",
      () => `${name}: ${what} entry ${String(item)} is not an int`,
    );
  }
  return [...(value as PyTuple<number>)];
}
