import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * `logSoftmax` along `dim` (`torch.nn.LogSoftmax`). The dim is required: PyTorch's implicit
 * choice is deprecated.
 *
 * @example
 * ```ts
 * String(new LogSoftmax(1)); // "LogSoftmax(dim=1)"
 * ```
 */
export class LogSoftmax extends Module {
  /** The dim the probabilities run along. */
  readonly dim: number;

  /** @param dim The dim the probabilities run along. */
  constructor(dim: number) {
    super();
    this.dim = dim;
  }

  /** Applies the function along `dim`. */
  forward(x: Tensor): Tensor {
    return x.logSoftmax(this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
