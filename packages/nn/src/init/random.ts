/**
 * The one place where `@kindling/nn` draws random numbers: it fills a typed array with
 * `@kindling/tensor`'s PyTorch-identical fill functions and copies it into the tensor, without
 * recording gradients. (When `@kindling/tensor` offers in-place `uniform_`/`normal_`/`bernoulli_`
 * taking a generator, these become thin calls to them.)
 */
import {
  DTypeError,
  defaultGenerator,
  fillBernoulli,
  fillNormal,
  fillUniform,
  fromTypedArray,
  type Generator,
  noGrad,
  type Tensor,
} from "@kindling/tensor";

function floatBuffer(t: Tensor): Float32Array | Float64Array {
  if (t.dtype === "float32") return new Float32Array(t.numel());
  if (t.dtype === "float64") return new Float64Array(t.numel());
  throw new DTypeError(`random initialisation needs a float32 or float64 tensor, got ${t.dtype}`);
}

function copyInto(t: Tensor, values: Float32Array | Float64Array): Tensor {
  noGrad(() => t.copy_(fromTypedArray(values, t.shape)));
  return t;
}

/** Fills `t` in place with U[from, to) draws, as `Tensor.uniform_` (PyTorch's draw order). */
export function uniformInPlace(t: Tensor, from: number, to: number, generator?: Generator): Tensor {
  return copyInto(t, fillUniform(generator ?? defaultGenerator, floatBuffer(t), from, to));
}

/** Fills `t` in place with N(mean, std²) draws, as `Tensor.normal_` (PyTorch's draw order). */
export function normalInPlace(t: Tensor, mean: number, std: number, generator?: Generator): Tensor {
  return copyInto(t, fillNormal(generator ?? defaultGenerator, floatBuffer(t), mean, std));
}

/** A new tensor of `like`'s shape and dtype holding Bernoulli(p) draws (`bernoulli_(p)`). */
export function bernoulliLike(like: Tensor, p: number, generator?: Generator): Tensor {
  return fromTypedArray(
    fillBernoulli(generator ?? defaultGenerator, floatBuffer(like), p),
    like.shape,
  );
}
