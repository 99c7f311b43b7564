import { ShapeError } from "./errors.js";
import type { Tensor } from "./tensor.js";

/** Nested arrays of elements, as `toArray()` returns them: numbers, or booleans for bool tensors. */
export type NestedArray = number | boolean | NestedArray[];

/** The element at a storage index as a JS number (bool as 0/1, int64 rounded to a double). */
export function readNumber(t: Tensor, index: number): number {
  return Number(t.storage[index]!);
}

/** The single element of a one-element tensor. */
export function itemOf(t: Tensor): number {
  const n = t.numel();
  if (n !== 1) {
    throw new ShapeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
  }
  return readNumber(t, t.storageOffset);
}

/** The elements of `t` as nested arrays, following its shape and strides. */
export function toNestedArray(t: Tensor): NestedArray {
  const isBool = t.dtype === "bool";
  const read = (index: number): number | boolean =>
    isBool ? t.storage[index] !== 0 : readNumber(t, index);
  const walk = (dim: number, offset: number): NestedArray => {
    if (dim === t.shape.length) return read(offset);
    const out: NestedArray[] = [];
    const size = t.shape[dim]!;
    const stride = t.strides[dim]!;
    for (let i = 0; i < size; i++) out.push(walk(dim + 1, offset + i * stride));
    return out;
  };
  return walk(0, t.storageOffset);
}
