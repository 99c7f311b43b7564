import { copyInto } from "../iteration/cast.js";
import { clone } from "../ops/clone.js";
import { fill_ } from "../ops/fill.js";
import { allocate } from "../storage.js";
import { Tensor } from "../tensor.js";
import { GradNode } from "./gradNode.js";
import { gradEdge } from "./record.js";

/**
 * Marks `out` as a differentiable view of `x` (PyTorch's `_base`): it remembers the tensor that
 * owns the storage, so in-place ops through the view rewrite the base's history and a view whose
 * base is modified in place replays itself on the base's new history. Returns `out`.
 */
export function markView(out: Tensor, x: Tensor): Tensor {
  const base = x.viewBase ?? x;
  out.viewBase = base;
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
  const edge = base.gradFn;
  if (edge === null) {
    view.gradFn = null;
    return;
  }
  const length = base.storage.length;
  const b = geometryOf(base);
  const v = geometryOf(view);
  view.gradFn = new GradNode("AsStridedBackward0", [edge], [base.dtype], (g) => {
    const [whole, part] = scatterBuffer(g, length, b, v);
    copyInto(part, g);
    return [whole];
  });
}

/**
 * @internal Records an in-place op on `view` (already written) on its base, as PyTorch's
 * `CopySlices`: the base's gradient flows to its old history outside the view, and through `fn`
 * (the in-place op's node, null when it carries no gradient) inside it. Views of the base, this one
 * included, then replay themselves on the new history.
 */
export function rebaseOnView(view: Tensor, base: Tensor, fn: GradNode | null): void {
  const length = base.storage.length;
  const b = geometryOf(base);
  const v = geometryOf(view);
  base.gradFn = new GradNode("CopySlices", [gradEdge(base), fn], [base.dtype, view.dtype], (g) => {
    const [whole, part] = scatterBuffer(g, length, b, v);
    copyInto(whole, g);
    const inside = clone(part);
    fill_(part, 0);
    return [whole, inside];
  });
  base.version++;
}
