import { readFileSync } from "node:fs";
import { type DType, fromTypedArray, type Tensor, tensor } from "@kindling/tensor";
import { expect } from "vitest";

/** The `data` of `packages/nn/fixtures/<name>.json` (written by scripts/torch/gen_nn.py). */
export function loadFixture<T>(name: string): T {
  const url = new URL(`../../fixtures/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { data: T }).data;
}

/** A state-dict entry as the fixtures store it. */
export interface FixtureTensor {
  shape: number[];
  dtype: string;
  values: number[];
}

/** Builds a tensor from flat values, a shape and a dtype. */
export function fromFlat(
  values: readonly number[],
  shape: readonly number[],
  dtype: DType,
): Tensor {
  if (dtype === "int64")
    return tensor(
      values.map((v) => BigInt(v)),
      { dtype },
    ).reshape(...shape);
  const array = dtype === "float64" ? Float64Array.from(values) : Float32Array.from(values);
  return fromTypedArray(array, shape);
}

/** A fixture state-dict entry as a tensor. */
export function fixtureTensor(entry: FixtureTensor): Tensor {
  return fromFlat(entry.values, entry.shape, entry.dtype as DType);
}

/** The elements of a tensor as plain numbers. */
export function flat(t: Tensor): number[] {
  return Array.from(t.toTypedArray() as ArrayLike<number | bigint>, (v) => Number(v));
}

/** Default tolerances: float32 rtol 1e-6 (atol 1e-7), float64 rtol 1e-12 (atol 1e-14). */
export function tolerance(dtype: string): { rtol: number; atol: number } {
  return dtype === "float64" ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 1e-6, atol: 1e-7 };
}

/** Asserts `|a - e| <= atol + rtol |e|` elementwise, reporting the worst element. */
export function expectClose(
  actual: readonly number[],
  expected: readonly number[],
  tol: { rtol: number; atol: number },
  label = "",
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  let worst = -1;
  let worstExcess = 0;
  actual.forEach((a, i) => {
    const e = expected[i]!;
    const excess = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  });
  if (worst >= 0) {
    expect.fail(`${label}: element ${worst} is ${actual[worst]}, expected ${expected[worst]}`);
  }
}
