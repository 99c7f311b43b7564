import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * `softmax` along `dim` (`torch.nn.Softmax`). The dim is required: PyTorch's implicit
 * choice is deprecated.
 *
 * @example
 * ```ts
 * String(new Softmax(1)); // "Softmax(dim=1)"
 * ```
 */
export class Softmax extends Module {
  /** The dim the probabilities run along. */
  readonly dim: number;

  /** @param dim The dim the probabilities run along. */
  constructor(dim: number) {
    super();
    this.dim = dim;
  }

  /** Applies the function along `dim`. */
  forward(x: Tensor): Tensor {
    return x.softmax(this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
