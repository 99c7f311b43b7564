import { onesLike } from "../creation/onesLike.js";
import { AutogradError, formatShape } from "../errors.js";
import { denseFloat } from "../kernels/dense.js";
import { SIMD_MIN_ELEMENTS, simdBinaryF32 } from "../kernels/wasm/simd.js";
import { add, add_ } from "../ops/add.js";
import { clone } from "../ops/clone.js";
import { to } from "../ops/to.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { noGrad } from "./gradMode.js";
import { AccumulateGrad, type GradNode } from "./gradNode.js";
import { gradEdge } from "./record.js";
import { checkSaved } from "./saved.js";
import { incrementVersion } from "./version.js";

const FREED_GRAPH =
  "Trying to backward through the graph a second time (or directly access saved tensors after " +
  "they have already been freed). Saved intermediate values of the graph are freed when you call " +
  ".backward(). Specify retainGraph: true if you need to backward through the graph a second " +
  "time or if you need to access saved tensors after calling backward.";

/** Options of {@link Tensor.backward}. */
export interface BackwardOptions {
  /** Keep the graph so backward can run through it again. Default false: the graph is freed. */
  retainGraph?: boolean;
}

/**
 * Computes the gradient of `root` with respect to every leaf that requires grad and adds it into
 * their `.grad` (PyTorch's engine). `gradient` is d(something)/d(root); it may be omitted only for
 * single-element outputs, where it is 1. Runs without recording a graph (no higher-order grads).
 */
export function runBackward(root: Tensor, gradient: Tensor | null, options: BackwardOptions): void {
  if (!root.requiresGrad) {
    throw new AutogradError(
      "element 0 of tensors does not require grad and does not have a gradFn",
    );
  }
  let seed = gradient;
  if (seed === null) {
    if (root.numel() !== 1) {
      throw new AutogradError("grad can be implicitly created only for scalar outputs");
    }
    seed = onesLike(root);
  } else if (!sameShape(seed.shape, root.shape)) {
    throw new AutogradError(
      `Mismatch in shape: grad_output[0] has a shape of ${formatShape(seed.shape)} and ` +
        `output[0] has a shape of ${formatShape(root.shape)}.`,
    );
  }
  const start = gradEdge(root)!;
  const order = topologicalOrder(start, ++passes);
  const retainGraph = options.retainGraph === true;
  start.pending = seed;
  try {
    noGrad(() => propagate(order, retainGraph));
  } finally {
    for (const node of order) node.pending = null;
  }
}

/** Backward passes started so far: each marks the nodes it visits with its number. */
let passes = 0;

/** Runs each node's backward rule in `order`, summing gradients in the nodes' `pending`. */
function propagate(order: readonly GradNode[], retainGraph: boolean): void {
  for (const node of order) {
    const grad = node.pending;
    if (grad === null) continue;
    node.pending = null;
    if (node.retained !== null) {
      for (const t of node.retained) t.grad = t.grad === null ? clone(grad) : add(t.grad, grad);
    }
    if (node instanceof AccumulateGrad) {
      accumulate(node.variable, grad);
      continue;
    }
    const backward = node.backwardFn;
    if (backward === null) throw new AutogradError(FREED_GRAPH);
    if (node.saved !== null) checkSaved(node, node.saved);
    const inputGrads = backward(grad);
    if (!retainGraph && node.savesAny) {
      node.backwardFn = null;
      node.saved = null;
    }
    for (let i = 0; i < node.next.length; i++) {
      const next = node.next[i];
      let g = inputGrads[i];
      if (next === null || next === undefined || g === null || g === undefined) continue;
      const dtype = node.inputDtypes[i]!;
      if (g.dtype !== dtype) g = to(g, dtype);
      const previous = next.pending;
      next.pending = previous === null ? g : add(previous, g);
    }
  }
}

function accumulate(variable: Tensor, grad: Tensor): void {
  if (!sameShape(grad.shape, variable.shape)) {
    throw new AutogradError(
      `Function AccumulateGrad returned an invalid gradient: got shape ${formatShape(grad.shape)} ` +
        `but expected shape compatible with ${formatShape(variable.shape)}`,
    );
  }
  const into = variable.grad;
  if (into === null) variable.grad = clone(grad);
  else if (addDense(into, grad)) incrementVersion(into);
  else add_(into, grad);
}

/**
 * `into += grad` for contiguous float tensors of one dtype and shape, as one loop (the store
 * rounds as `add_`'s kernel does); false, doing nothing, for any other pair.
 */
function addDense(into: Tensor, grad: Tensor): boolean {
  const a = denseFloat(into);
  const b = denseFloat(grad);
  if (a === null || b === null || into.dtype !== grad.dtype || into.requiresGrad) return false;
  const n = into.numel();
  if (a.data instanceof Float32Array) {
    const ad = a.data;
    const bd = b.data as Float32Array;
    // the kernels copy each chunk of both in before writing it back: not for overlapping views
    const apart = ad !== bd || a.offset === b.offset;
    if (
      n >= SIMD_MIN_ELEMENTS &&
      apart &&
      simdBinaryF32("add", ad, a.offset, 1, bd, b.offset, 1, ad, a.offset, n)
    ) {
      return true;
    }
    addIntoF32(ad, a.offset, bd, b.offset, n);
  } else addIntoF64(a.data, a.offset, b.data as Float64Array, b.offset, n);
  return true;
}

/** `a[ai + i] += b[bi + i]` for `i < n`, float32 (one function per array type keeps V8's loop monomorphic). */
function addIntoF32(a: Float32Array, ai: number, b: Float32Array, bi: number, n: number): void {
  for (let i = 0; i < n; i++) a[ai + i] = a[ai + i]! + b[bi + i]!;
}

/** The same for float64. */
function addIntoF64(a: Float64Array, ai: number, b: Float64Array, bi: number, n: number): void {
  for (let i = 0; i < n; i++) a[ai + i] = a[ai + i]! + b[bi + i]!;
}

/** Nodes reachable from `start`, each before every node it sends gradients to. */
function topologicalOrder(start: GradNode, pass: number): GradNode[] {
  const postorder: GradNode[] = [];
  const nodes: GradNode[] = [start];
  const cursors: number[] = [0];
  start.visitedBy = pass;
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    const i = cursors[top]!;
    if (i < node.next.length) {
      cursors[top] = i + 1;
      const child = node.next[i];
      if (child !== null && child !== undefined && child.visitedBy !== pass) {
        child.visitedBy = pass;
        nodes.push(child);
        cursors.push(0);
      }
    } else {
      nodes.pop();
      cursors.pop();
      postorder.push(node);
    }
  }
  return postorder.reverse();
}
