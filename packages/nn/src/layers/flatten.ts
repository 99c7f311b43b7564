import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * Flattens dims `startDim..endDim` into one (`torch.nn.Flatten`; defaults 1 and -1, keeping the
 * batch dim).
 *
 * @example
 * ```ts
 * new Flatten().call(zeros([2, 3, 4])).shape; // [2, 12]
 * ```
 */
export class Flatten extends Module {
  /** First dim to flatten. */
  readonly startDim: number;
  /** Last dim to flatten (negative counts from the end). */
  readonly endDim: number;

  /** @param startDim First dim to flatten, default 1. @param endDim Last, default -1. */
  constructor(startDim = 1, endDim = -1) {
    super();
    this.startDim = startDim;
    this.endDim = endDim;
  }

  /** `x.flatten(startDim, endDim)`. */
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}
