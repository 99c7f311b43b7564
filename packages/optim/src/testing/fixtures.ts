import { readFileSync } from "node:fs";
import { type DType, fromTypedArray, type Tensor, tensor } from "@kindling/tensor";
import type { OptimizerStateDict, ParamState, StateValue } from "../base/stateDict.js";

/** A fixture file written by scripts/torch/gen_optim.py. */
export function readFixture<T>(name: string): T {
  const url = new URL(`../../fixtures/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { data: T }).data;
}

/**
 * A tensor, tuple or plain value as the generators encode state dict entries (`{ float }`: a
 * Python float that gen_optim_lbfgs.py keeps apart from an int).
 */
export type EncodedValue =
  | { tensor: number[]; shape: number[]; dtype: string }
  | { tuple: EncodedValue[] }
  | { float: number }
  | EncodedValue[]
  | number
  | boolean
  | null
  | string;

/** The generator's encoding of an optimizer state dict (ordered key/value pairs). */
export interface EncodedStateDict {
  state: [number, [string, EncodedValue][]][];
  param_groups: [string, EncodedValue][][];
}

/** Decodes one encoded value into what Kindling holds (tuples become arrays). */
export function decodeValue(value: EncodedValue): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === "object") {
    if ("tuple" in value) return value.tuple.map(decodeValue);
    if ("float" in value) return value.float;
    const dtype = value.dtype as DType;
    const data =
      dtype === "float32" ? Float32Array.from(value.tensor) : Float64Array.from(value.tensor);
    return fromTypedArray(data, value.shape);
  }
  return value;
}

/** Decodes an encoded optimizer state dict into Kindling's layout. */
export function decodeStateDict(encoded: EncodedStateDict): OptimizerStateDict {
  const state: Record<number, ParamState> = {};
  for (const [id, entries] of encoded.state) {
    state[id] = Object.fromEntries(entries.map(([k, v]) => [k, decodeValue(v) as StateValue]));
  }
  const param_groups = encoded.param_groups.map(
    (entries) =>
      Object.fromEntries(
        entries.map(([k, v]) => [k, decodeValue(v)]),
      ) as OptimizerStateDict["param_groups"][number],
  );
  return { state, param_groups };
}

/** A leaf parameter from flat values. */
export function parameter(values: number[], shape: number[], dtype: DType): Tensor {
  return tensor(values, { dtype }).reshape(shape).requiresGrad_();
}
