import type { DType } from "../dtype.js";
import type { Tensor } from "../tensor.js";
import { type Saved, SavedView } from "./saved.js";

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
   * @internal True when the node saved something from the forward pass, so a backward pass
   * without `retainGraph` frees it; false for nodes that need only sizes (a sum, a view).
   */
  readonly savesAny: boolean;
  /**
   * @internal What the node saved, as given, when it holds tensors whose versions backward checks;
   * null when it holds none (or is unknown), and once a backward pass freed the node.
   */
  saved: readonly Saved[] | null = null;
  /** @internal The versions of `saved[0]` and `saved[1]` when saved (most nodes save at most two). */
  savedVersion0 = 0;
  /** @internal See {@link savedVersion0}. */
  savedVersion1 = 0;
  /** @internal The versions of `saved[2]` on, when there are more. */
  savedVersions: number[] | null = null;
  /** @internal The node's own output, when `saved` holds it (errors call it "output 0"). */
  savedOutput: Tensor | null = null;

  /**
   * @param name PyTorch's name of the backward function.
   * @param next The node of each input, or null.
   * @param inputDtypes The dtype of each input.
   * @param backwardFn The rule computing input gradients from the output gradient.
   * @param saved What `backwardFn` reads from the forward pass (see {@link Saved}): their version
   *   counters are checked before it runs, and a node that saved nothing survives a backward pass.
   *   Omitted, the node is treated as saving something unchecked: a backward pass frees it.
   * @param output The node's result, when `saved` holds it (named as "output 0" in errors).
   */
  constructor(
    name: string,
    next: readonly (GradNode | null)[],
    inputDtypes: readonly DType[],
    backwardFn: BackwardFn | null,
    saved?: readonly Saved[],
    output?: Tensor,
  ) {
    this.name = name;
    this.next = next;
    this.inputDtypes = inputDtypes;
    this.backwardFn = backwardFn;
    this.savesAny = saved === undefined || this.keep(saved, output ?? null);
  }

  /** Keeps `saved` and its tensors' versions; true when it holds anything at all. */
  private keep(saved: readonly Saved[], output: Tensor | null): boolean {
    let any = false;
    let tensors = false;
    for (let i = 0; i < saved.length; i++) {
      const entry = saved[i];
      if (entry === null || entry === undefined) continue;
      any = true;
      if (typeof entry !== "object") continue;
      tensors = true;
      const tensor = entry instanceof SavedView ? entry.tensor : entry;
      const version = tensor.version;
      if (i === 0) this.savedVersion0 = version;
      else if (i === 1) this.savedVersion1 = version;
      else (this.savedVersions ??= new Array<number>(saved.length - 2).fill(0))[i - 2] = version;
      if (tensor === output) this.savedOutput = output;
    }
    if (tensors) this.saved = saved;
    return any;
  }
}

/** The node that adds incoming gradients into a leaf tensor's `.grad` (PyTorch's AccumulateGrad). */
export class AccumulateGrad extends GradNode {
  /** The leaf tensor whose `.grad` this node accumulates into. */
  readonly variable: Tensor;

  /** @param variable The leaf tensor that requires grad. */
  constructor(variable: Tensor) {
    super("AccumulateGrad", [], [variable.dtype], null, []);
    this.variable = variable;
  }
}
