import { softmaxRowsF32 } from "../kernels/softmaxRows.js";
import { simdSoftmaxF32 } from "../kernels/wasm/simdSoftmax.js";
import { contiguousStrides, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";

/**
 * Float32 softmax (or, with `log`, log-softmax) along dim `d` of a contiguous tensor in one
 * fused pass over each row, as PyTorch's CPU kernel for the last dim does: the WebAssembly
 * kernels where they run, their TypeScript twin otherwise (the same bits). Applies when every
 * dim after `d` has size 1, so that the rows along `d` are contiguous; null (computing nothing)
 * otherwise, or for other dtypes. No autograd.
 */
export function fusedSoftmaxF32(input: Tensor, d: number, log: boolean): Tensor | null {
  const shape = input.shape;
  if (input.dtype !== "float32" || !input.contiguousLayout) return null;
  for (let i = d + 1; i < shape.length; i++) if (shape[i] !== 1) return null;
  const n = shapeSize(shape);
  const cols = shape[d]!;
  const rows = cols === 0 ? 0 : n / cols;
  const a = input.storage as Float32Array;
  const ai = input.storageOffset;
  const out = allocateUnfilled("float32", n) as Float32Array; // every element written below
  if (!simdSoftmaxF32(a, ai, out, 0, rows, cols, log)) {
    softmaxRowsF32(a, ai, out, 0, rows, cols, log);
  }
  return new Tensor(out, shape, contiguousStrides(shape), 0, "float32");
}
