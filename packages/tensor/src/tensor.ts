import { type BackwardOptions, runBackward } from "./autograd/engine.js";
import type { AccumulateGrad, GradNode } from "./autograd/gradNode.js";
import { refreshViewGradFn } from "./autograd/views.js";
import { type DType, isFloatingPoint } from "./dtype.js";
import { AutogradError, DTypeError, formatShape, ShapeError } from "./errors.js";
import { formatTensor } from "./format/formatTensor.js";
import { abs } from "./ops/abs.js";
import { add, add_ } from "./ops/add.js";
import { argmax } from "./ops/argmax.js";
import { argmin } from "./ops/argmin.js";
import { chunk } from "./ops/chunk.js";
import { clamp, clamp_ } from "./ops/clamp.js";
import { clone } from "./ops/clone.js";
import { contiguous } from "./ops/contiguous.js";
import { copy_ } from "./ops/copy.js";
import { cos } from "./ops/cos.js";
import { detach } from "./ops/detach.js";
import { div, div_ } from "./ops/div.js";
import { eq } from "./ops/eq.js";
import { exp } from "./ops/exp.js";
import { expand } from "./ops/expand.js";
import { fill_, zero_ } from "./ops/fill.js";
import { flatten } from "./ops/flatten.js";
import { gather } from "./ops/gather.js";
import { ge } from "./ops/ge.js";
import { gt } from "./ops/gt.js";
import { indexSelect } from "./ops/indexSelect.js";
import { le } from "./ops/le.js";
import { log } from "./ops/log.js";
import { logicalAnd } from "./ops/logicalAnd.js";
import { logicalNot } from "./ops/logicalNot.js";
import { logicalOr } from "./ops/logicalOr.js";
import { logSoftmax } from "./ops/logSoftmax.js";
import { lt } from "./ops/lt.js";
import { maskedFill } from "./ops/maskedFill.js";
import { matmul } from "./ops/matmul.js";
import { max, type ValuesIndices } from "./ops/max.js";
import { maximum } from "./ops/maximum.js";
import { mean } from "./ops/mean.js";
import { min } from "./ops/min.js";
import { minimum } from "./ops/minimum.js";
import { mul, mul_ } from "./ops/mul.js";
import { narrow } from "./ops/narrow.js";
import { ne } from "./ops/ne.js";
import { neg } from "./ops/neg.js";
import { normal_ } from "./ops/normal.js";
import { permute } from "./ops/permute.js";
import { pow } from "./ops/pow.js";
import { prod } from "./ops/prod.js";
import { relu } from "./ops/relu.js";
import { reshape } from "./ops/reshape.js";
import { scatter } from "./ops/scatter.js";
import { select } from "./ops/select.js";
import { sigmoid } from "./ops/sigmoid.js";
import { sin } from "./ops/sin.js";
import { slice } from "./ops/slice.js";
import { softmax } from "./ops/softmax.js";
import { split } from "./ops/split.js";
import { sqrt } from "./ops/sqrt.js";
import { squeeze } from "./ops/squeeze.js";
import { std } from "./ops/std.js";
import { sub, sub_ } from "./ops/sub.js";
import { sum } from "./ops/sum.js";
import { t } from "./ops/t.js";
import { tanh } from "./ops/tanh.js";
import { to } from "./ops/to.js";
import { transpose } from "./ops/transpose.js";
import { uniform_ } from "./ops/uniform.js";
import { unsqueeze } from "./ops/unsqueeze.js";
import { type VarianceOptions, variance } from "./ops/variance.js";
import { view } from "./ops/view.js";
import { shapeSize } from "./shape/dims.js";
import { parseShape, type ShapeArgs } from "./shape/shapeArgs.js";
import type { Storage } from "./storage.js";
import { itemOf, type NestedArray, toNestedArray } from "./tensorData.js";

/** A value an op accepts where a tensor goes: a tensor or a JS scalar (broadcast as a 0-d tensor). */
export type TensorLike = Tensor | number | bigint | boolean;

/** Dims to reduce over: one dim, several, or null/undefined for all of them. */
export type Dims = number | readonly number[] | null | undefined;

/**
 * A strided view of a typed array: PyTorch's `torch.Tensor`. Element `(i0, i1, ...)` lives at
 * `storage[storageOffset + i0 * strides[0] + i1 * strides[1] + ...]`; views (`view`, `transpose`,
 * `narrow`, ...) share the storage. Create tensors with `tensor`, `zeros`, `randn`, ...; every op is
 * both a function (`add(a, b)`) and a method (`a.add(b)`).
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * const y = x.mul(x).sum();
 * y.backward();
 * x.grad?.toArray(); // [[2, 4], [6, 8]]
 * ```
 */
export class Tensor {
  /** The typed array holding the elements (shared with every view of it). */
  readonly storage: Storage;
  /** Size of each dim (`torch.Size`); `[]` for a 0-d (scalar) tensor. Never mutate. */
  readonly shape: readonly number[];
  /** Step in `storage`, in elements, between neighbours along each dim. Never mutate. */
  readonly strides: readonly number[];
  /** Index in `storage` of the first element. */
  readonly storageOffset: number;
  /** Element type. */
  readonly dtype: DType;
  /** True when the elements lie in row-major order without gaps (as `is_contiguous()`). */
  readonly contiguousLayout: boolean;
  private gradValue: Tensor | null = null;
  private gradFnValue: GradNode | null = null;
  /**
   * @internal For a differentiable view (`view`, `narrow`, `select`, `transpose`, ...): the tensor
   * owning the storage it views (PyTorch's `_base`); null for tensors that are not views.
   */
  viewBase: Tensor | null = null;
  /** @internal The base's {@link version} when this view's `gradFn` was last set from it. */
  viewVersion = 0;
  /**
   * @internal The tensor whose version counter this one shares (the source of a view or of a
   * `detach()`ed alias); null when this tensor owns its counter.
   */
  versionOwner: Tensor | null = null;
  /** @internal The in-place writes counted on this tensor's counter, when it owns it. */
  versionCount = 0;
  /** @internal This leaf's AccumulateGrad node, created on first use. */
  accumulator: AccumulateGrad | null = null;
  private leafRequiresGrad = false;

  /**
   * Wraps a storage; no copy, no checks. Prefer the creation functions (`tensor`, `zeros`, ...).
   *
   * @param storage The typed array holding the elements; its type must match `dtype`.
   * @param shape Size of each dim.
   * @param strides Step of each dim, in elements.
   * @param storageOffset Index of the first element.
   * @param dtype Element type.
   */
  constructor(
    storage: Storage,
    shape: readonly number[],
    strides: readonly number[],
    storageOffset: number,
    dtype: DType,
  ) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.storageOffset = storageOffset;
    this.dtype = dtype;
    let expected = 1;
    let contiguousLayout = true;
    for (let i = shape.length - 1; i >= 0; i--) {
      const size = shape[i]!;
      if (size !== 1 && strides[i] !== expected) contiguousLayout = false;
      expected *= size;
    }
    this.contiguousLayout = contiguousLayout || expected === 0;
  }

  /**
   * The backward node that produced this tensor, or null for leaves (`grad_fn`). For a view whose
   * base was since modified in place, a node replaying the view on the base's new history
   * (`AsStridedBackward0`), as PyTorch does.
   */
  get gradFn(): GradNode | null {
    const base = this.viewBase;
    if (base !== null && this.viewVersion !== base.version) refreshViewGradFn(this, base);
    return this.gradFnValue;
  }

  /**
   * How many in-place writes changed this tensor's elements (PyTorch's `_version`): every in-place
   * op (`add_`, `copy_`, `zero_`, ...), with or without grad mode, and every optimizer step on a
   * parameter, adds one. Views and `detach()`ed aliases share their source's counter. A backward
   * pass checks the counters of the tensors its nodes saved, and throws if one moved.
   *
   * @example
   * ```ts
   * const x = zeros([3]);
   * x.add_(1);
   * x.narrow(0, 0, 1).mul_(2);
   * x.version; // 2
   * ```
   */
  get version(): number {
    return (this.versionOwner ?? this).versionCount;
  }

  /** Sets the node that produced this tensor (autograd's bookkeeping; null makes it a leaf's). */
  set gradFn(node: GradNode | null) {
    this.gradFnValue = node;
  }

  /** Gradient accumulated by `backward()` for leaves that require grad (and retained non-leaves). */
  get grad(): Tensor | null {
    return this.gradValue;
  }

  /**
   * Sets (or, with null, clears) the gradient. As PyTorch, it must be a tensor of this tensor's
   * shape and dtype: a `ShapeError` or `DTypeError` is thrown otherwise, so optimizers never read a
   * gradient of the wrong size.
   */
  set grad(value: Tensor | null) {
    if (value !== null) {
      if (!(value instanceof Tensor)) {
        throw new TypeError(
          `assigned grad expected to be a Tensor or None but got grad of type ${typeof value}`,
        );
      }
      if (value.dtype !== this.dtype) {
        throw new DTypeError(
          `assigned grad has data of a different type (grad is ${value.dtype}, tensor is ${this.dtype})`,
        );
      }
      if (!sameShapeAs(value.shape, this.shape)) {
        throw new ShapeError(
          `assigned grad has data of a different size (grad is ${formatShape(value.shape)}, tensor is ${formatShape(this.shape)})`,
        );
      }
    }
    this.gradValue = value;
  }

  /** True when gradients flow to this tensor: a leaf that requires grad, or any op's output on one. */
  get requiresGrad(): boolean {
    return this.leafRequiresGrad || this.gradFn !== null;
  }

  /** Sets whether this leaf requires grad; only floating-point leaves can. */
  set requiresGrad(flag: boolean) {
    if (this.gradFn !== null) {
      throw new AutogradError(
        "you can only change requiresGrad flags of leaf variables. If you want to use a " +
          "computed variable in a subgraph that doesn't require differentiation use " +
          "varNoGrad = var.detach().",
      );
    }
    if (flag && !isFloatingPoint(this.dtype)) {
      throw new DTypeError(
        `only Tensors of floating point dtype can require gradients (got ${this.dtype})`,
      );
    }
    this.leafRequiresGrad = flag;
  }

  /** Sets `requiresGrad` in place and returns this tensor (`requires_grad_()`). */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  /** True for tensors not produced by a recorded op (user-created, or not requiring grad). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Number of dims. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of dims (as `dim()`). */
  dim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return shapeSize(this.shape);
  }

  /** The shape, or the size of dim `dim` (negative counts from the end). */
  size(): readonly number[];
  /**
   * The size of dim `dim` (`x.size(dim)`).
   *
   * @param dim The dim whose size to return; negative counts from the end.
   */
  size(dim: number): number;
  size(dim?: number): readonly number[] | number {
    if (dim === undefined) return this.shape;
    return this.shape[dim < 0 ? dim + this.shape.length : dim]!;
  }

  /** True when the elements are in row-major order without gaps. */
  isContiguous(): boolean {
    return this.contiguousLayout;
  }

  /**
   * A tensor sharing this storage but cut from the graph (the value of PyTorch's `.data`). Unlike
   * {@link detach}'s, its in-place writes are not counted on this tensor's version counter, as in
   * PyTorch: a backward that saved this tensor will not notice them (prefer `detach()`).
   */
  get data(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.storageOffset, this.dtype);
  }

  /**
   * Computes gradients of this tensor with respect to the graph's leaves, adding them into their
   * `.grad`. `gradient` is required unless this tensor has one element. The graph is freed unless
   * `retainGraph` is set.
   */
  backward(gradient?: Tensor | null, options: BackwardOptions = {}): void {
    runBackward(this, gradient ?? null, options);
  }

  /** Keeps `.grad` for this non-leaf tensor after backward (leaves always keep it). */
  retainGrad(): void {
    if (this.gradFn === null) {
      if (!this.requiresGrad) {
        throw new AutogradError("can't retain_grad on Tensor that has requires_grad=False");
      }
      return;
    }
    const retained = (this.gradFn.retained ??= []);
    if (!retained.includes(this)) retained.push(this);
  }

  /** True after {@link retainGrad} on a non-leaf. */
  get retainsGrad(): boolean {
    return this.gradFn?.retained?.includes(this) ?? false;
  }

  /** The value of a one-element tensor as a number (bool as 0/1, int64 rounded to a double). */
  item(): number {
    return itemOf(this);
  }

  /** The elements as nested arrays (`tolist()`): numbers, or booleans for bool tensors. */
  toArray(): NestedArray {
    return toNestedArray(this);
  }

  /** A new contiguous typed array of the elements (BigInt64Array for int64, exact). */
  toTypedArray(): Storage {
    const c = contiguous(this);
    const n = this.numel();
    if (c === this || c.storageOffset !== 0 || c.storage.length !== n) {
      return c.storage.slice(c.storageOffset, c.storageOffset + n);
    }
    return c.storage;
  }

  /** PyTorch-style printout, e.g. `tensor([[ 0.2365, -0.1118]], requiresGrad=true)`. */
  toString(): string {
    return formatTensor(this);
  }

  /** Node's `console.log` shows the PyTorch-style printout. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return formatTensor(this);
  }

  // Views.

  /** See {@link view}. */
  view(...shape: ShapeArgs): Tensor {
    return view(this, parseShape(shape));
  }
  /** See {@link reshape}. */
  reshape(...shape: ShapeArgs): Tensor {
    return reshape(this, parseShape(shape));
  }
  /** See {@link flatten}. */
  flatten(startDim = 0, endDim = -1): Tensor {
    return flatten(this, startDim, endDim);
  }
  /** See {@link transpose}. */
  transpose(dim0: number, dim1: number): Tensor {
    return transpose(this, dim0, dim1);
  }
  /** See {@link permute}. */
  permute(...dims: ShapeArgs): Tensor {
    return permute(this, parseShape(dims));
  }
  /** See {@link t}. */
  t(): Tensor {
    return t(this);
  }
  /** The transpose of a 2-d tensor (`.T` for at most 2 dims). */
  get T(): Tensor {
    return t(this);
  }
  /** See {@link squeeze}. */
  squeeze(dim?: number): Tensor {
    return squeeze(this, dim);
  }
  /** See {@link unsqueeze}. */
  unsqueeze(dim: number): Tensor {
    return unsqueeze(this, dim);
  }
  /** See {@link expand}. */
  expand(...shape: ShapeArgs): Tensor {
    return expand(this, parseShape(shape));
  }
  /** Expands to `other`'s shape (`expand_as`). */
  expandAs(other: Tensor): Tensor {
    return expand(this, other.shape);
  }
  /** See {@link narrow}. */
  narrow(dim: number, start: number, length: number): Tensor {
    return narrow(this, dim, start, length);
  }
  /** See {@link select}. */
  select(dim: number, index: number): Tensor {
    return select(this, dim, index);
  }
  /** See {@link slice}. */
  slice(dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
    return slice(this, dim, start, end, step);
  }
  /** See {@link contiguous}. */
  contiguous(): Tensor {
    return contiguous(this);
  }
  /** See {@link clone}. */
  clone(): Tensor {
    return clone(this);
  }
  /** See {@link detach}. */
  detach(): Tensor {
    return detach(this);
  }
  /** See {@link to}. */
  to(dtype: DType): Tensor {
    return to(this, dtype);
  }
  /** Converts to float32 (`float()`). */
  float(): Tensor {
    return to(this, "float32");
  }
  /** Converts to float64 (`double()`). */
  double(): Tensor {
    return to(this, "float64");
  }
  /** Converts to int64 (`long()`), truncating toward zero. */
  long(): Tensor {
    return to(this, "int64");
  }
  /** Converts to bool (`bool()`): nonzero is true. */
  bool(): Tensor {
    return to(this, "bool");
  }

  // Elementwise.

  /** See {@link add}. */
  add(other: TensorLike, alpha?: number): Tensor {
    return add(this, other, alpha);
  }
  /** See {@link sub}. */
  sub(other: TensorLike, alpha?: number): Tensor {
    return sub(this, other, alpha);
  }
  /** See {@link mul}. */
  mul(other: TensorLike): Tensor {
    return mul(this, other);
  }
  /** See {@link div}. */
  div(other: TensorLike): Tensor {
    return div(this, other);
  }
  /** See {@link pow}. */
  pow(exponent: TensorLike): Tensor {
    return pow(this, exponent);
  }
  /** See {@link neg}. */
  neg(): Tensor {
    return neg(this);
  }
  /** See {@link abs}. */
  abs(): Tensor {
    return abs(this);
  }
  /** See {@link exp}. */
  exp(): Tensor {
    return exp(this);
  }
  /** See {@link log}. */
  log(): Tensor {
    return log(this);
  }
  /** See {@link sqrt}. */
  sqrt(): Tensor {
    return sqrt(this);
  }
  /** See {@link sin}. */
  sin(): Tensor {
    return sin(this);
  }
  /** See {@link cos}. */
  cos(): Tensor {
    return cos(this);
  }
  /** See {@link tanh}. */
  tanh(): Tensor {
    return tanh(this);
  }
  /** See {@link sigmoid}. */
  sigmoid(): Tensor {
    return sigmoid(this);
  }
  /** See {@link relu}. */
  relu(): Tensor {
    return relu(this);
  }
  /** See {@link clamp}. */
  clamp(min?: number | null, max?: number | null): Tensor {
    return clamp(this, min, max);
  }
  /** See {@link maximum}. */
  maximum(other: TensorLike): Tensor {
    return maximum(this, other);
  }
  /** See {@link minimum}. */
  minimum(other: TensorLike): Tensor {
    return minimum(this, other);
  }
  /** See {@link eq}. */
  eq(other: TensorLike): Tensor {
    return eq(this, other);
  }
  /** See {@link ne}. */
  ne(other: TensorLike): Tensor {
    return ne(this, other);
  }
  /** See {@link lt}. */
  lt(other: TensorLike): Tensor {
    return lt(this, other);
  }
  /** See {@link le}. */
  le(other: TensorLike): Tensor {
    return le(this, other);
  }
  /** See {@link gt}. */
  gt(other: TensorLike): Tensor {
    return gt(this, other);
  }
  /** See {@link ge}. */
  ge(other: TensorLike): Tensor {
    return ge(this, other);
  }
  /** See {@link logicalAnd}. */
  logicalAnd(other: TensorLike): Tensor {
    return logicalAnd(this, other);
  }
  /** See {@link logicalOr}. */
  logicalOr(other: TensorLike): Tensor {
    return logicalOr(this, other);
  }
  /** See {@link logicalNot}. */
  logicalNot(): Tensor {
    return logicalNot(this);
  }
  /** See {@link maskedFill}. */
  maskedFill(mask: Tensor, value: number | bigint | boolean): Tensor {
    return maskedFill(this, mask, value);
  }

  // Reductions.

  /** See {@link sum}. */
  sum(dim?: Dims, keepdim = false): Tensor {
    return sum(this, dim, keepdim);
  }
  /** See {@link mean}. */
  mean(dim?: Dims, keepdim = false): Tensor {
    return mean(this, dim, keepdim);
  }
  /** Variance over `dim` (PyTorch's `Tensor.var`); the options are those of the `variance` function. */
  var(dim?: Dims, options?: VarianceOptions): Tensor {
    return variance(this, dim, options);
  }
  /** See {@link std}. */
  std(dim?: Dims, options?: VarianceOptions): Tensor {
    return std(this, dim, options);
  }
  /** See {@link prod}. */
  prod(dim?: number | null, keepdim = false): Tensor {
    return prod(this, dim, keepdim);
  }
  /** The largest element; see {@link max}. */
  max(): Tensor;
  /** Largest elements along `dim` and their indices; see {@link max}. */
  max(dim: number, keepdim?: boolean): ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | ValuesIndices {
    return dim === undefined ? max(this) : max(this, dim, keepdim);
  }
  /** The smallest element; see {@link min}. */
  min(): Tensor;
  /** Smallest elements along `dim` and their indices; see {@link min}. */
  min(dim: number, keepdim?: boolean): ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | ValuesIndices {
    return dim === undefined ? min(this) : min(this, dim, keepdim);
  }
  /** See {@link argmax}. */
  argmax(dim?: number | null, keepdim = false): Tensor {
    return argmax(this, dim, keepdim);
  }
  /** See {@link argmin}. */
  argmin(dim?: number | null, keepdim = false): Tensor {
    return argmin(this, dim, keepdim);
  }
  /** See {@link softmax}. */
  softmax(dim: number): Tensor {
    return softmax(this, dim);
  }
  /** See {@link logSoftmax}. */
  logSoftmax(dim: number): Tensor {
    return logSoftmax(this, dim);
  }

  // Linear algebra, joining, indexing.

  /** See {@link matmul}. */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  /** See {@link split}. */
  split(splitSize: number | readonly number[], dim = 0): Tensor[] {
    return split(this, splitSize, dim);
  }
  /** See {@link chunk}. */
  chunk(chunks: number, dim = 0): Tensor[] {
    return chunk(this, chunks, dim);
  }
  /** See {@link indexSelect}. */
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexSelect(this, dim, index);
  }
  /** See {@link gather}. */
  gather(dim: number, index: Tensor): Tensor {
    return gather(this, dim, index);
  }
  /** See {@link scatter}. */
  scatter(dim: number, index: Tensor, src: Tensor | number): Tensor {
    return scatter(this, dim, index, src);
  }

  // In place.

  /** See {@link add_}. */
  add_(other: TensorLike, alpha?: number): this {
    add_(this, other, alpha);
    return this;
  }
  /** See {@link sub_}. */
  sub_(other: TensorLike, alpha?: number): this {
    sub_(this, other, alpha);
    return this;
  }
  /** See {@link mul_}. */
  mul_(other: TensorLike): this {
    mul_(this, other);
    return this;
  }
  /** See {@link div_}. */
  div_(other: TensorLike): this {
    div_(this, other);
    return this;
  }
  /** See {@link clamp_}. */
  clamp_(min?: number | null, max?: number | null): this {
    clamp_(this, min, max);
    return this;
  }
  /** See {@link fill_}. */
  fill_(value: number | bigint | boolean): this {
    fill_(this, value);
    return this;
  }
  /** See {@link zero_}. */
  zero_(): this {
    zero_(this);
    return this;
  }
  /** See {@link uniform_}; draws from the default generator. */
  uniform_(from = 0, to = 1): this {
    uniform_(this, from, to);
    return this;
  }
  /** See {@link normal_}; draws from the default generator. */
  normal_(mean = 0, std = 1): this {
    normal_(this, mean, std);
    return this;
  }
  /** See {@link copy_}. */
  copy_(src: Tensor): this {
    copy_(this, src);
    return this;
  }
}

function sameShapeAs(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
