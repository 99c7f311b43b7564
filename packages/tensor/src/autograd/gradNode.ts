import type { DType } from "../dtype.js";
import type { Tensor } from "../tensor.js";

/**
 * Computes the gradients of an op's inputs from the gradient of its output, one entry per input
 * (null where an input needs none).
 */
export type BackwardFn = (grad: Tensor) => readonly (Tensor | null)[];

/**
 * One recorded operation of the autograd graph: what a tensor's `gradFn` holds. `name` follows
 * PyTorch's (`"AddBackward0"`, `"MmBackward0"`, `"AccumulateGrad"`), for debugging.
 */
export class GradNode {
  /** PyTorch's name of this backward function, e.g. `"MulBackward0"`. */
  readonly name: string;
  /** The node each input's gradient flows to, in input order; null for inputs needing none. */
  readonly next: readonly (GradNode | null)[];
  /** The dtype of each input, so gradients are cast back to it (as PyTorch's engine does). */
  readonly inputDtypes: readonly DType[];
  /** @internal The backward rule; null once the graph was freed by a backward pass. */
  backwardFn: BackwardFn | null;
  /** @internal Non-leaf tensors produced by this node that called `retainGrad()`. */
  retained: Tensor[] | null = null;
  /** @internal The gradient summed so far for this node during a backward pass. */
  pending: Tensor | null = null;
  /** @internal The backward pass that last visited this node (for the topological sort). */
  visitedBy = 0;

  /**
   * @param name PyTorch's name of the backward function.
   * @param next The node of each input, or null.
   * @param inputDtypes The dtype of each input.
   * @param backwardFn The rule computing input gradients from the output gradient.
   */
  constructor(
    name: string,
    next: readonly (GradNode | null)[],
    inputDtypes: readonly DType[],
    backwardFn: BackwardFn | null,
  ) {
    this.name = name;
    this.next = next;
    this.inputDtypes = inputDtypes;
    this.backwardFn = backwardFn;
  }
}

/** The node that adds incoming gradients into a leaf tensor's `.grad` (PyTorch's AccumulateGrad). */
export class AccumulateGrad extends GradNode {
  /** The leaf tensor whose `.grad` this node accumulates into. */
  readonly variable: Tensor;

  /** @param variable The leaf tensor that requires grad. */
  constructor(variable: Tensor) {
    super("AccumulateGrad", [], [variable.dtype], null);
    this.variable = variable;
  }
}
