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
  out.gradFn = new GradNode(name, next, dtypes, backward, saved, out);
  return out;
}
