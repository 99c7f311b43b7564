import { noGrad } from "../autograd/gradMode.js";
import { needsGrad3, record } from "../autograd/record.js";
import { SavedView } from "../autograd/saved.js";
import { sumToShape } from "../autograd/sumToShape.js";
import { reductionLoops } from "../iteration/reductionLoops.js";
import { cascadeSum } from "../kernels/cascadeSum.js";
import { type DenseFloat, denseFloat, type FloatStorage, roundInto } from "../kernels/dense.js";
import { gemm, type MatrixView } from "../kernels/gemm.js";
import { addKernels } from "../kernels/generated/tables.js";
import { SMALL_GEMM_FLOPS, smallGemm } from "../kernels/smallGemm.js";
import { trySimdRows } from "../kernels/wasm/dispatch.js";
import { trySimdGemmF32 } from "../kernels/wasm/gemmF32.js";
import { allocateFloat32, allocateFloat64, allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { matmul } from "./matmul.js";
import { mm } from "./mm.js";
import { t } from "./t.js";
import { view } from "./view.js";

/**
 * `x · weightᵀ + bias` (`torch.nn.functional.linear`): `x` is `[*, in]`, `weight` `[out, in]`,
 * `bias` `[out]` or null. The graph is PyTorch 1.13's: 2-d input is one node, `AddmmBackward0`
 * (`MmBackward0` without bias) reading `weight` through a `TBackward0` view; contiguous 3-d input
 * with a bias is that node on the input viewed as rows (`ViewBackward0` on top); other input is
 * `matmul(x, weight.t())` followed by the bias's `AddBackward0`. For 2-d dense float operands the
 * node runs fused loops: the product is summed as `matmul` sums it, then the bias is added and
 * rounded, exactly as `matmul(x, weight.t()).add(bias)` rounds, with no intermediate tensors.
 * For small products (up to 32³ multiply-adds, the seed network's) that is PyTorch's own order
 * with the reference BLAS: each output summed in float32 from +0 over the input features, then
 * the bias added (`sgemm`'s transposed case, which `addmm` takes for `weight.t()`).
 *
 * @example
 * ```ts
 * linear(tensor([[1, 2]]), tensor([[3, 4], [5, 6]]), tensor([0.5, -1])).toArray(); // [[11.5, 16]]
 * ```
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (x.shape.length === 2 && weight.shape.length === 2) {
    return fusedLinear(x, weight, bias) ?? addmm(bias, x, t(weight));
  }
  if (bias !== null && x.shape.length === 3 && x.contiguousLayout && weight.shape.length === 2) {
    const [batch, rows, inner] = x.shape as [number, number, number];
    const out = linear(view(x, [batch * rows, inner]), weight, bias);
    return view(out, [batch, rows, out.shape[1]!]);
  }
  const y = matmul(x, t(weight));
  return bias === null ? y : add(y, bias);
}

/**
 * `bias + x · wT` for 2-d `x` and `wT` by the composite ops, recorded as one `AddmmBackward0`
 * node (PyTorch's `addmm`), or `x · wT` (`MmBackward0`) without a bias.
 */
function addmm(bias: Tensor | null, x: Tensor, wT: Tensor): Tensor {
  if (bias === null) return mm(x, wT);
  const out = noGrad(() => add(mm(x, wT), bias));
  if (needsGrad3(x, wT, bias)) {
    record(
      out,
      "AddmmBackward0",
      [bias, x, wT],
      [x.requiresGrad ? wT : null, wT.requiresGrad ? x : null],
      (g) => [
        bias.requiresGrad ? sumToShape(g, bias.shape) : null,
        x.requiresGrad ? mm(g, t(wT)) : null,
        wT.requiresGrad ? mm(t(x), g) : null,
      ],
    );
  }
  return out;
}

/**
 * {@link linear} of 2-d dense float `x` by the fused loops, with PyTorch's node; null when the
 * operands do not fit them (strided or mixed dtypes, a bias that broadcasts).
 */
function fusedLinear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor | null {
  const dx = denseFloat(x);
  if (
    dx === null ||
    weight.dtype !== x.dtype ||
    weight.shape[1] !== x.shape[1] ||
    (bias !== null &&
      (bias.dtype !== x.dtype || bias.shape.length !== 1 || bias.shape[0] !== weight.shape[0]))
  ) {
    return null;
  }
  const rows = x.shape[0]!;
  const inner = x.shape[1]!;
  const cols = weight.shape[0]!;
  const out = new Tensor(
    matmulTransposed(dx, weight, rows, cols, inner),
    [rows, cols],
    [cols, 1],
    0,
    x.dtype,
  );
  if (bias !== null) addRowVector(out.storage as FloatStorage, bias, rows, cols);
  if (needsGrad3(x, weight, bias)) {
    const wT = t(weight);
    // PyTorch's addmm saves weight.t(), which errors name as that view.
    const saved = [
      x.requiresGrad ? new SavedView(weight, [inner, cols]) : null,
      weight.requiresGrad ? x : null,
    ];
    const inputGrad = (g: Tensor) => (x.requiresGrad ? linearInputGrad(g, weight) : null);
    // The gradient of wT, which its TBackward0 turns back into weight's (gᵀ · x).
    const wTGrad = (g: Tensor) => (weight.requiresGrad ? t(linearWeightGrad(g, x)) : null);
    if (bias === null) {
      record(out, "MmBackward0", [x, wT], saved, (g) => [inputGrad(g), wTGrad(g)]);
    } else {
      record(out, "AddmmBackward0", [bias, x, wT], saved, (g) => [
        bias.requiresGrad ? columnSums(g) : null,
        inputGrad(g),
        wTGrad(g),
      ]);
    }
  }
  return out;
}

let scratch = new Float64Array(1024);

/** Float64 scratch of at least `n` zeros (reused between calls; never escapes a call). */
function zeroedScratch(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  scratch.fill(0, 0, n);
  return scratch;
}

function matrixView(data: FloatStorage, offset: number, rowStride: number, colStride: number) {
  return { data, offset, rowStride, colStride } satisfies MatrixView;
}

/** `a · b` for views `a` (`m×k`) and `b` (`k×n`), as `matmul` sums it, as a new storage of a's type. */
function product(
  a: MatrixView,
  b: MatrixView,
  m: number,
  n: number,
  k: number,
  float64: boolean,
): FloatStorage {
  if (m * n * k <= SMALL_GEMM_FLOPS) {
    const out = float64 ? allocateFloat64(m * n) : allocateFloat32(m * n);
    smallGemm(m, n, k, a, b, out);
    return out;
  }
  if (float64) {
    const out = allocateFloat64(m * n);
    gemm(m, n, k, a, b, out, 0, n);
    return out;
  }
  const out = allocateUnfilled("float32", m * n) as Float32Array; // both paths write every element
  if (trySimdGemmF32(m, n, k, a, b, out, 0)) return out;
  const acc = zeroedScratch(m * n);
  gemm(m, n, k, a, b, acc, 0, n);
  roundInto(acc, out, m * n);
  return out;
}

function matmulTransposed(
  x: DenseFloat,
  w: Tensor,
  rows: number,
  cols: number,
  inner: number,
): FloatStorage {
  const wd = w.storage as FloatStorage;
  const a = matrixView(x.data, x.offset, inner, 1);
  const b = matrixView(wd, w.storageOffset, w.strides[1]!, w.strides[0]!);
  return product(a, b, rows, cols, inner, x.data instanceof Float64Array);
}

/** `out[r, c] += bias[c]`, rounded in out's type. */
function addRowVector(out: FloatStorage, bias: Tensor, rows: number, cols: number): void {
  const bd = bias.storage as FloatStorage;
  const bo = bias.storageOffset;
  const bs = bias.strides[0]!;
  if (
    out instanceof Float32Array &&
    bd instanceof Float32Array &&
    (bs === 1 || cols === 1) &&
    trySimdRows(addKernels, rows, cols, out, 0, cols, 1, bd, bo, 0, 1, out, 0)
  ) {
    return; // the same sums by the WebAssembly kernels
  }
  for (let r = 0, o = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, o++) out[o] = out[o]! + bd[bo + c * bs]!;
  }
}

/** `g · weight`: the gradient of the input. */
function linearInputGrad(g: Tensor, weight: Tensor): Tensor {
  const [rows, cols] = g.shape as [number, number];
  const inner = weight.shape[1]!;
  const a = matrixView(g.storage as FloatStorage, g.storageOffset, g.strides[0]!, g.strides[1]!);
  const b = matrixView(
    weight.storage as FloatStorage,
    weight.storageOffset,
    weight.strides[0]!,
    weight.strides[1]!,
  );
  const data = product(a, b, rows, inner, cols, g.storage instanceof Float64Array);
  return new Tensor(data, [rows, inner], [inner, 1], 0, g.dtype);
}

/** `gᵀ · x`: the gradient of the weight. */
function linearWeightGrad(g: Tensor, x: Tensor): Tensor {
  const [rows, cols] = g.shape as [number, number];
  const inner = x.shape[1]!;
  const a = matrixView(g.storage as FloatStorage, g.storageOffset, g.strides[1]!, g.strides[0]!);
  const b = matrixView(x.storage as FloatStorage, x.storageOffset, x.strides[0]!, x.strides[1]!);
  const data = product(a, b, cols, inner, rows, g.storage instanceof Float64Array);
  return new Tensor(data, [cols, inner], [inner, 1], 0, g.dtype);
}

/** Column sums of 2-d `g` in the `sum` op's order (PyTorch's `sum_to`): the gradient of the bias. */
function columnSums(g: Tensor): Tensor {
  const gd = g.storage as FloatStorage;
  const cols = g.shape[1]!;
  const out = gd instanceof Float64Array ? allocateFloat64(cols) : allocateFloat32(cols);
  cascadeSum(gd, g.storageOffset, reductionLoops(g.shape, g.strides, [true, false]), out);
  return new Tensor(out, [cols], [1], 0, g.dtype);
}
