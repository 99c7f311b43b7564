import { commitInPlace, inPlaceNeedsGrad, snapshot } from "../autograd/inPlace.js";
import { needsGrad, record } from "../autograd/record.js";
import { DTypeError } from "../errors.js";
import { asTensor, resultType } from "../iteration/operands.js";
import { clampKernels } from "../kernels/generated/tables.js";
import { trySimdClamp } from "../kernels/wasm/dispatch.js";
import { contiguousStrides, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { ge } from "./ge.js";
import { le } from "./le.js";
import { logicalAnd } from "./logicalAnd.js";
import { where } from "./where.js";

/**
 * Limits each element to `[min, max]` (`torch.clamp`); either bound may be omitted (null). NaN
 * stays NaN. As in PyTorch 1.13, a NaN bound makes every element NaN when both bounds are given,
 * and is ignored when it is the only one. The gradient passes where `min <= x <= max`, as in
 * PyTorch.
 *
 * @example
 * ```ts
 * clamp(tensor([-2, 0.5, 3]), 0, 1).toArray(); // [0, 0.5, 1]
 * ```
 */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? null;
  const hi = max ?? null;
  if (lo === null && hi === null) {
    throw new RangeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  const out = clampForward(x, lo, hi);
  if (needsGrad(x)) {
    record(out, "ClampBackward1", [x], [x], (g) => {
      const inside =
        lo === null ? le(x, hi!) : hi === null ? ge(x, lo) : logicalAnd(ge(x, lo), le(x, hi));
      return [where(inside, g, 0)];
    });
  }
  return out;
}

/** In-place {@link clamp} (`Tensor.clamp_`). Returns `self`. */
export function clamp_(self: Tensor, min?: number | null, max?: number | null): Tensor {
  if (inPlaceNeedsGrad(self)) return commitInPlace("clamp_", self, clamp(snapshot(self), min, max));
  return commitInPlace("clamp_", self, clamp(self, min, max));
}

function clampForward(x: Tensor, lo: number | null, hi: number | null): Tensor {
  const dtype = resultType(x, ...(lo === null ? [] : [lo]), ...(hi === null ? [] : [hi]));
  const kernel = clampKernels[dtype];
  if (kernel === undefined) throw new DTypeError(`clamp: not implemented for dtype ${dtype}`);
  const input = asTensor(x, dtype);
  const isInt = dtype === "int64";
  const low = lo === null ? (isInt ? -(2n ** 63n) : -Infinity) : isInt ? BigInt(Math.ceil(lo)) : lo;
  const high =
    hi === null ? (isInt ? 2n ** 63n - 1n : Infinity) : isInt ? BigInt(Math.floor(hi)) : hi;
  const n = shapeSize(input.shape);
  if (lo !== null && hi !== null && (Number.isNaN(lo) || Number.isNaN(hi))) {
    // PyTorch's clamp_out fills the result with NaN (the dtype is floating: NaN promoted it).
    const nans = allocateUnfilled(dtype, n);
    (nans as Float32Array | Float64Array).fill(Number.NaN);
    return new Tensor(nans, input.shape, contiguousStrides(input.shape), 0, dtype);
  }
  const out = allocateUnfilled(dtype, n); // both paths below write all n elements
  const contiguousInput = input.contiguousLayout ? input : asTensor(input.clone(), dtype);
  const simd =
    dtype === "float32" &&
    trySimdClamp(
      contiguousInput.storage as Float32Array,
      contiguousInput.storageOffset,
      out as Float32Array,
      n,
      low as number,
      high as number,
    );
  if (!simd)
    kernel(contiguousInput.storage, contiguousInput.storageOffset, 1, out, 0, n, low, high);
  return new Tensor(out, input.shape, contiguousStrides(input.shape), 0, dtype);
}
