import {
  type DType,
  empty,
  linear,
  optionKeys,
  rejectUnknownOptions,
  type Tensor,
} from "@kindling/tensor";
import { calculateFanInAndFanOut } from "../init/fans.js";
import { kaimingUniform_ } from "../init/kaiming.js";
import { uniform_ } from "../init/uniform.js";
import { Module } from "../module/module.js";
import { Parameter } from "../module/parameter.js";
import { checkInteger, inputShapeError } from "./checks.js";

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias. Default true. */
  bias?: boolean;
  /** Dtype of the weight and bias. Default float32. */
  dtype?: DType;
}

/** The keys Linear's options take. */
const OPTIONS = optionKeys<LinearOptions>()("bias", "dtype");

/**
 * `y = x Wᵀ + b` over the last dim (`torch.nn.Linear`). `weight` has shape
 * `[outFeatures, inFeatures]`. Initialised as PyTorch does, drawing from the default generator in
 * PyTorch's order: `kaiming_uniform_(weight, a=√5)`, then `bias ~ U(-1/√in, 1/√in)`; so after
 * `manualSeed(s)` the weights are PyTorch's bit for bit.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * const layer = new Linear(5, 4);
 * layer.call(zeros([10, 5])).shape; // [10, 4]
 * String(layer); // "Linear(in_features=5, out_features=4, bias=True)"
 * ```
 */
export class Linear extends Module {
  /** Size of each input's last dim. */
  readonly inFeatures: number;
  /** Size of each output's last dim. */
  readonly outFeatures: number;
  /** The weight, `[outFeatures, inFeatures]`. */
  readonly weight: Parameter;
  /** The bias, `[outFeatures]`, or null when built with `bias: false`. */
  readonly bias: Parameter | null;

  /**
   * @param inFeatures Size of each input's last dim (integer >= 0).
   * @param outFeatures Size of each output's last dim (integer >= 0).
   * @throws RangeError for sizes that are not non-negative integers.
   */
  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    if (new.target === Linear) rejectUnknownOptions("Linear", options, OPTIONS);
    super();
    checkInteger("Linear", "in_features", inFeatures, 0);
    checkInteger("Linear", "out_features", outFeatures, 0);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = options.dtype ?? "float32";
    this.weight = this.param("weight", new Parameter(empty([outFeatures, inFeatures], { dtype })));
    this.bias = this.param(
      "bias",
      options.bias === false ? null : new Parameter(empty([outFeatures], { dtype })),
    );
    this.resetParameters();
  }

  /** Re-draws the weights as the constructor does (`reset_parameters`). */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const { fanIn } = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  /**
   * @param x Input of shape `[*, inFeatures]`.
   * @returns `[*, outFeatures]`.
   * @throws ShapeError naming this layer, the expected and the received shape.
   */
  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      inputShapeError(this.toString(), `[*, ${this.inFeatures}]`, x.shape);
    }
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    const bias = this.bias === null ? "False" : "True";
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${bias}`;
  }
}
