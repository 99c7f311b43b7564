import { needsGrad3, record } from "../autograd/record.js";
import { SavedView } from "../autograd/saved.js";
import {
  type DenseFloat,
  denseFloat,
  type FloatStorage,
  roundInto,
  stridedSum,
} from "../kernels/dense.js";
import { gemm, type MatrixView } from "../kernels/gemm.js";
import { addKernels } from "../kernels/generated/tables.js";
import { SMALL_GEMM_FLOPS, smallGemm } from "../kernels/smallGemm.js";
import { trySimdRows } from "../kernels/wasm/dispatch.js";
import { trySimdGemmF32 } from "../kernels/wasm/gemmF32.js";
import { simdColumnSumsF32 } from "../kernels/wasm/simdColumnSums.js";
import { allocateFloat32, allocateFloat64 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { matmul } from "./matmul.js";
import { t } from "./t.js";

/**
 * `x · weightᵀ + bias` (`torch.nn.functional.linear`): `x` is `[*, in]`, `weight` `[out, in]`,
 * `bias` `[out]` or null. For 2-d float input it runs as one fused op (PyTorch's `addmm`, gradFn
 * `AddmmBackward0`): the product is summed in float64 and rounded once, then the bias is added and
 * rounded again, exactly as `matmul(x, weight.t()).add(bias)` rounds, with no intermediate tensors.
 * Other inputs take that composite path.
 *
 * @example
 * ```ts
 * linear(tensor([[1, 2]]), tensor([[3, 4], [5, 6]]), tensor([0.5, -1])).toArray(); // [[11.5, 16]]
 * ```
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const dx = denseFloat(x);
  if (
    dx === null ||
    x.shape.length !== 2 ||
    weight.shape.length !== 2 ||
    weight.dtype !== x.dtype ||
    weight.shape[1] !== x.shape[1] ||
    (bias !== null &&
      (bias.dtype !== x.dtype || bias.shape.length !== 1 || bias.shape[0] !== weight.shape[0]))
  ) {
    const y = matmul(x, t(weight));
    return bias === null ? y : add(y, bias);
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
    record(
      out,
      "AddmmBackward0",
      [x, weight, bias],
      // PyTorch's addmm saves weight.t(), which errors name as that view.
      [
        x.requiresGrad ? new SavedView(weight, [inner, cols]) : null,
        weight.requiresGrad ? x : null,
      ],
      (g) => [
        x.requiresGrad ? linearInputGrad(g, weight) : null,
        weight.requiresGrad ? linearWeightGrad(g, x) : null,
        bias?.requiresGrad ? columnSums(g) : null,
      ],
    );
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

function view(data: FloatStorage, offset: number, rowStride: number, colStride: number) {
  return { data, offset, rowStride, colStride } satisfies MatrixView;
}

/** `a · b` for views `a` (`m×k`) and `b` (`k×n`), summed in float64, as a new storage of a's type. */
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
  const out = allocateFloat32(m * n);
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
  const a = view(x.data, x.offset, inner, 1);
  const b = view(wd, w.storageOffset, w.strides[1]!, w.strides[0]!);
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
  const a = view(g.storage as FloatStorage, g.storageOffset, g.strides[0]!, g.strides[1]!);
  const b = view(
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
  const a = view(g.storage as FloatStorage, g.storageOffset, g.strides[1]!, g.strides[0]!);
  const b = view(x.storage as FloatStorage, x.storageOffset, x.strides[0]!, x.strides[1]!);
  const data = product(a, b, cols, inner, rows, g.storage instanceof Float64Array);
  return new Tensor(data, [cols, inner], [inner, 1], 0, g.dtype);
}

/** Column sums of 2-d `g`, added as the `sum` op adds: the gradient of the bias. */
function columnSums(g: Tensor): Tensor {
  const [rows, cols] = g.shape as [number, number];
  const [rs, cs] = g.strides as [number, number];
  const gd = g.storage as FloatStorage;
  const out = gd instanceof Float64Array ? allocateFloat64(cols) : allocateFloat32(cols);
  // contiguous float32 rows: the column-sum kernel, the same float64 sums in order of rows
  const dense = rs === cols && cs === 1 && out instanceof Float32Array;
  if (
    !dense ||
    !simdColumnSumsF32(rows, cols, { data: gd as Float32Array, offset: g.storageOffset }, out)
  ) {
    for (let c = 0; c < cols; c++) out[c] = stridedSum(gd, g.storageOffset + c * cs, rows, rs);
  }
  return new Tensor(out, [cols], [1], 0, g.dtype);
}
