import { Tensor } from "@kindling/tensor";

/**
 * A tensor a {@link Module} keeps as state that is not learned, such as BatchNorm's running mean
 * (`torch.nn.Buffer` of PyTorch 2.5, `register_buffer` before). A persistent buffer is part of
 * `stateDict()`; a non-persistent one is not.
 *
 * @example
 * ```ts
 * const runningMean = new Buffer(zeros([4]));
 * runningMean.persistent; // true
 * ```
 */
export class Buffer extends Tensor {
  /** Whether `stateDict()` includes it. */
  readonly persistent: boolean;

  /**
   * @param data The values; shared, not copied (the view is cut from any graph).
   * @param options `persistent` (default true): whether `stateDict()` includes it.
   */
  constructor(data: Tensor, options: { persistent?: boolean } = {}) {
    super(data.storage, data.shape, data.strides, data.storageOffset, data.dtype);
    this.persistent = options.persistent ?? true;
  }
}
