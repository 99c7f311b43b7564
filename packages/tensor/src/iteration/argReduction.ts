import { DTypeError, IndexError } from "../errors.js";
import type { ArgReduceKernel } from "../kernels/types.js";
import { contiguousStrides } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { planReduction } from "./reduction.js";

/** Values and indices of a max/min reduction, with the plan's reduced dims. */
export interface ArgReduction {
  /** The chosen elements. */
  readonly values: Tensor;
  /** Their int64 indices along the reduced dim (flat indices when reducing all dims). */
  readonly indices: Tensor;
  /** The reduced dims. */
  readonly dims: readonly number[];
}

/** Runs a max/min kernel over `dim` (all dims when null). No autograd. */
export function argReduceForward(
  op: string,
  x: Tensor,
  dim: number | null,
  keepdim: boolean,
  kernels: Partial<Record<Tensor["dtype"], ArgReduceKernel>>,
): ArgReduction {
  const kernel = kernels[x.dtype];
  if (kernel === undefined) throw new DTypeError(`${op}: not implemented for dtype ${x.dtype}`);
  const plan = planReduction(x, dim, keepdim);
  if (plan.n === 0) {
    throw new IndexError(
      dim === null
        ? `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`
        : `${op}(): Expected reduction dim ${dim} to have non-zero size.`,
    );
  }
  const values = allocate(x.dtype, plan.rows);
  const indices = new BigInt64Array(plan.rows);
  kernel(plan.input.storage, plan.input.storageOffset, plan.rows, plan.n, values, indices);
  const strides = contiguousStrides(plan.outShape);
  return {
    values: new Tensor(values, plan.outShape, strides, 0, x.dtype),
    indices: new Tensor(indices, plan.outShape, strides, 0, "int64"),
    dims: plan.dims,
  };
}
