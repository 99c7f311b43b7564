import { fromTypedArray } from "../creation/fromTypedArray.js";
import type { Tensor } from "../tensor.js";

/** A small seeded generator (mulberry32) for test data: deterministic, no dependency on src/random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float64 tensor of `shape` with values uniform in `[lo, hi)` from `seed`. */
export function randomTensor(shape: readonly number[], seed: number, lo = -2, hi = 2): Tensor {
  const next = seededRandom(seed);
  const n = shape.reduce((p, q) => p * q, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + (hi - lo) * next();
  return fromTypedArray(data, shape);
}
