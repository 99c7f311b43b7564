import type { Tensor } from "../tensor.js";
import { isGradEnabled } from "./gradMode.js";
import { AccumulateGrad, type BackwardFn, GradNode } from "./gradNode.js";
import type { Saved } from "./saved.js";

/** True when an op on `a` must record the graph: grad mode is on and `a` requires grad. */
export function needsGrad(a: Tensor): boolean {
  return a.requiresGrad && isGradEnabled();
}

/** True when an op on `a` and `b` must record the graph. */
export function needsGrad2(a: Tensor | number | bigint | boolean, b: unknown): boolean {
  if (!isGradEnabled()) return false;
  return (
    (typeof a === "object" && a.requiresGrad) ||
    (typeof b === "object" && b !== null && (b as Tensor).requiresGrad === true)
  );
}

/** True when an op on `a`, `b` and an optional `c` must record the graph. */
export function needsGrad3(a: Tensor, b: Tensor | null, c: Tensor | null): boolean {
  if (!isGradEnabled()) return false;
  return a.requiresGrad || b?.requiresGrad === true || c?.requiresGrad === true;
}

/** The node a gradient for `t` flows into: its `gradFn`, its AccumulateGrad, or null. */
export function gradEdge(t: Tensor): GradNode | null {
  if (t.gradFn !== null) return t.gradFn;
  if (!t.requiresGrad) return null;
  t.accumulator ??= new AccumulateGrad(t);
  return t.accumulator;
}

/**
 * Attaches a backward node named `name` to `out`, whose inputs were `inputs` (tensors or scalars,
 * which get no gradient). `saved` lists what `backward` reads, as PyTorch's formula for the op
 * saves it (see {@link Saved}: inputs, `out`, scalars; null for what an unneeded gradient would
 * have read): their versions are checked before `backward` runs, and an empty list lets the node
 * survive a backward pass. The caller has checked that recording is needed.
 */
export function record(
  out: Tensor,
  name: string,
  inputs: readonly (Tensor | number | bigint | boolean | null)[],
  saved: readonly Saved[],
  backward: BackwardFn,
): Tensor {
  const count = inputs.length;
  const next = new Array<GradNode | null>(count);
  const dtypes = new Array<Tensor["dtype"]>(count);
  for (let i = 0; i < count; i++) {
    const input = inputs[i] ?? null;
    if (typeof input === "object" && input !== null) {
      next[i] = gradEdge(input);
      dtypes[i] = input.dtype;
    } else {
      next[i] = null;
      dtypes[i] = out.dtype;
    }
  }
  detachFromHiddenBase(out, inputs);
  out.gradFn = new GradNode(name, next, dtypes, backward, saved, out);
  return out;
}

/**
 * An op that computes its result by other ops under `noGrad` may hand out a view of a tensor of
 * its own (a reshape of a product, a squeeze of a sum). PyTorch's result is a fresh tensor, not a
 * view: when `out` views something none of the op's inputs is or shares a base with, it stops
 * being a view (with its own version counter), so an in-place op on it is recorded on it alone.
 */
function detachFromHiddenBase(
  out: Tensor,
  inputs: readonly (Tensor | number | bigint | boolean | null)[],
): void {
  const base = out.viewBase;
  if (base === null) return;
  for (const input of inputs) {
    if (typeof input === "object" && input !== null && (input === base || input.viewBase === base))
      return;
  }
  out.viewBase = null;
  out.versionOwner = null;
}
