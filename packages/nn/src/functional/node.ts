import {
  AccumulateGrad,
  type BackwardFn,
  GradNode,
  isGradEnabled,
  noGrad,
  type Tensor,
} from "@kindling/tensor";

/** The node a gradient for `t` flows into: its `gradFn`, its AccumulateGrad, or null. */
function gradEdge(t: Tensor): GradNode | null {
  if (t.gradFn !== null || !t.requiresGrad) return t.gradFn;
  t.accumulator ??= new AccumulateGrad(t);
  return t.accumulator;
}

/**
 * Computes `forward` without recording a graph and, when grad mode is on and an input requires
 * grad, attaches one node named as PyTorch's (`"EluBackward0"`, ...) whose inputs are `inputs` in
 * PyTorch's order (null for one that gets no gradient) and whose gradients `backward` gives, one
 * per input. `saved` lists the tensors `backward` reads: their versions are checked before it
 * runs, as PyTorch checks its saved tensors. `forward` must return a new tensor, not a view.
 */
export function withNode(
  name: string,
  inputs: readonly (Tensor | null)[],
  saved: readonly (Tensor | null)[],
  forward: () => Tensor,
  backward: BackwardFn,
): Tensor {
  const out = noGrad(forward);
  if (!isGradEnabled() || !inputs.some((t) => t?.requiresGrad === true)) return out;
  out.gradFn = new GradNode(
    name,
    inputs.map((t) => (t === null ? null : gradEdge(t))),
    inputs.map((t) => t?.dtype ?? out.dtype),
    backward,
    saved,
  );
  return out;
}

/**
 * `x · s` for a scalar `s` as one node `MulBackward1` of `x` alone (PyTorch's `mul(Tensor,
 * Scalar)`, what its own composite losses record; `Tensor.mul` records `MulBackward0`).
 */
export function mulScalar(x: Tensor, s: number): Tensor {
  return withNode(
    "MulBackward1",
    [x],
    [],
    () => x.mul(s),
    (g) => [g.mul(s)],
  );
}

/** `x / s` for a scalar `s` as one node `DivBackward1` of `x` alone (PyTorch's `div(Tensor, Scalar)`). */
export function divScalar(x: Tensor, s: number): Tensor {
  return withNode(
    "DivBackward1",
    [x],
    [],
    () => x.div(s),
    (g) => [g.div(s)],
  );
}
