import { copyInto } from "../iteration/cast.js";
import { clone } from "../ops/clone.js";
import { fill_ } from "../ops/fill.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { GradNode } from "./gradNode.js";
import { gradEdge } from "./record.js";
import { checkSaved } from "./saved.js";
import { incrementVersion, shareVersion, uncounted } from "./version.js";

/**
 * Marks `out` as a differentiable view of `x` (PyTorch's `_base`): it remembers the tensor that
 * owns the storage, so in-place ops through the view rewrite the base's history and a view whose
 * base is modified in place replays itself on the base's new history. Returns `out`.
 */
export function markView(out: Tensor, x: Tensor): Tensor {
  const base = x.viewBase ?? x;
  out.viewBase = base;
  shareVersion(out, base);
  out.viewVersion = base.version;
  return out;
}

/** Where a view sits in its base's storage: enough to replay it on a gradient buffer. */
interface Geometry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

const geometryOf = (t: Tensor): Geometry => ({
  shape: t.shape,
  strides: t.strides,
  offset: t.storageOffset,
});

/**
 * A zero buffer laid out as the base (`length` elements of storage) holding `g` at the view's
 * place, returned with that place: the two halves of an as-strided backward.
 */
function scatterBuffer(
  g: Tensor,
  length: number,
  base: Geometry,
  view: Geometry,
): [Tensor, Tensor] {
  const storage = allocate(g.dtype, length);
  const whole = new Tensor(storage, base.shape, base.strides, base.offset, g.dtype);
  const part = new Tensor(storage, view.shape, view.strides, view.offset, g.dtype);
  return [whole, part];
}

/**
 * @internal Gives a view whose base was modified in place since its `gradFn` was set a node
 * reading the base's new history (PyTorch regenerates it as `AsStridedBackward0`).
 */
export function refreshViewGradFn(view: Tensor, base: Tensor): void {
  view.viewVersion = base.version;
  // A leaf base changed under noGrad (an optimizer step): the view still reaches its gradient.
  const edge = base.gradFn ?? (view.gradFn !== null ? gradEdge(base) : null);
  if (edge === null) {
    view.gradFn = null;
    return;
  }
  const length = base.storage.length;
  const b = geometryOf(base);
  const v = geometryOf(view);
  const overlapping = v.shape.some((size, d) => size > 1 && v.strides[d] === 0);
  const backward = (g: Tensor): Tensor[] => {
    const [whole, part] = scatterBuffer(g, length, b, v);
    if (overlapping) addOverlapping(part, g);
    else copyInto(part, g);
    return [whole];
  };
  view.gradFn = new GradNode("AsStridedBackward0", [edge], [base.dtype], backward, []);
}

/**
 * `part += g` where several elements of `part` share a location (an expanded view): each
 * location gets the sum of its elements' gradients, in row-major order, as PyTorch's
 * as-strided backward sums them.
 */
function addOverlapping(part: Tensor, g: Tensor): void {
  const values = g.contiguous();
  const from = values.storage as Float32Array | Float64Array;
  const into = part.storage as Float32Array | Float64Array;
  const { shape, strides } = part;
  const index = new Array<number>(shape.length).fill(0);
  let at = part.storageOffset;
  const n = part.numel();
  for (let i = 0; i < n; i++) {
    into[at] = into[at]! + from[values.storageOffset + i]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      at += strides[d]!;
      if (++index[d]! < shape[d]!) break;
      at -= strides[d]! * shape[d]!;
      index[d] = 0;
    }
  }
}

/**
 * @internal Records an in-place op on `view` (already written) on its base, as PyTorch's
 * `CopySlices`: the base's gradient flows to its old history outside the view, and inside it
 * through `fn` (the in-place op's node, null when it carries no gradient), which CopySlices runs
 * itself: `fn`'s gradient for the view's old value goes back into the base's gradient, and its
 * other inputs are CopySlices' own (`next` is the base's old node, then `fn`'s other inputs, as in
 * PyTorch). Views of the base, this one included, then replay themselves on the new history.
 */
export function rebaseOnView(view: Tensor, base: Tensor, fn: GradNode | null): void {
  const length = base.storage.length;
  const b = geometryOf(base);
  const v = geometryOf(view);
  if (fn === null) {
    const backward = (g: Tensor): Tensor[] => {
      const [whole, part] = scatterBuffer(g, length, b, v);
      copyInto(whole, g);
      uncounted(() => fill_(part, 0));
      return [whole];
    };
    base.gradFn = new GradNode("CopySlices", [gradEdge(base)], [base.dtype], backward, []);
    incrementVersion(base);
    return;
  }
  const backward = (g: Tensor): (Tensor | null)[] => {
    const [whole, part] = scatterBuffer(g, length, b, v);
    copyInto(whole, g);
    // What the in-place op saved is checked here, as the engine checks a node it runs.
    if (fn.saved !== null) checkSaved(fn, fn.saved);
    const grads = fn.backwardFn!(clone(part));
    const own = grads[0] ?? null;
    if (own === null) uncounted(() => fill_(part, 0));
    else copyInto(part, own);
    return [whole, ...grads.slice(1)];
  };
  const next = [gradEdge(base), ...fn.next.slice(1)];
  const dtypes = [base.dtype, ...fn.inputDtypes.slice(1)];
  // Freed by a backward pass when `fn` saved anything (its saved values are read through it).
  const saved = fn.savesAny ? undefined : [];
  base.gradFn = new GradNode("CopySlices", next, dtypes, backward, saved);
  incrementVersion(base);
}
