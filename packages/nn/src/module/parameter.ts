import { Tensor } from "@kindling/tensor";

/**
 * A tensor that a {@link Module} owns as a learnable weight (`torch.nn.Parameter`). It shares the
 * storage of the tensor it wraps and is a leaf that requires grad unless told otherwise.
 * Register it with `this.param(name, new Parameter(...))` inside a module so that
 * `parameters()`, `stateDict()` and optimizers see it.
 *
 * @example
 * ```ts
 * const w = new Parameter(zeros([2, 3]));
 * w.requiresGrad; // true
 * w.shape; // [2, 3]
 * ```
 */
export class Parameter extends Tensor {
  /**
   * @param data The values; shared, not copied (the view is cut from any graph).
   * @param requiresGrad Whether gradients flow into it. Default true.
   */
  constructor(data: Tensor, requiresGrad = true) {
    super(data.storage, data.shape, data.strides, data.storageOffset, data.dtype);
    this.requiresGrad = requiresGrad;
  }

  /** `Parameter containing:` followed by the tensor's printout, as PyTorch prints parameters. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
