/**
 * Backward-node names against PyTorch (fixture from scripts/torch/gen_tensor_gradfn.py): each id
 * builds the same tensor as the generator's case of that id and compares `gradFn.name` with
 * PyTorch's `type(t.grad_fn).__name__`, and the names of `gradFn.next` with those of
 * `grad_fn.next_functions`.
 */
import {
  describeGradFnParity,
  type GradFnExpected,
  type KnownDifference,
} from "../../../../scripts/torch/gradFnParity.js";
import * as T from "../index.js";
import { readFixture } from "../testing/fixtures.js";

type Expected = GradFnExpected;

interface Fixture {
  inputs: Record<string, T.TensorData>;
  cases: Record<string, Expected>;
}

const fixture = readFixture<Fixture>("gradfn");

function make(key: string, dtype: T.DType, requiresGrad: boolean): T.Tensor {
  const data = fixture.inputs[key];
  if (data === undefined) throw new Error(`no input ${key} in the fixture`);
  return T.tensor(data, { dtype, requiresGrad });
}

/** A tensor that requires grad (its node is AccumulateGrad). */
const leaf = (key: string, dtype: T.DType = "float32") => make(key, dtype, true);
/** A tensor that does not require grad. */
const konst = (key: string, dtype: T.DType = "float32") => make(key, dtype, false);
/** A non-leaf, `leaf(key) * 1` (node MulBackward0). */
const mid = (key: string, dtype: T.DType = "float32") => leaf(key, dtype).mul(1);

const cases: Record<string, () => T.Tensor> = {};
function c(id: string, fn: () => T.Tensor): void {
  cases[id] = fn;
}

// --- Arithmetic ---------------------------------------------------------------------------------

type Binary = (a: T.TensorLike, b: T.TensorLike) => T.Tensor;
const BINARY: Record<string, Binary> = {
  add: (a, b) => T.add(a, b),
  sub: (a, b) => T.sub(a, b),
  mul: (a, b) => T.mul(a, b),
  div: (a, b) => T.div(a, b),
};
for (const [name, f] of Object.entries(BINARY)) {
  c(`arith/${name}/tensor-tensor`, () => f(leaf("X23"), leaf("P23")));
  c(`arith/${name}/tensor-const`, () => f(leaf("X23"), konst("P23")));
  c(`arith/${name}/const-tensor`, () => f(konst("X23"), leaf("P23")));
  c(`arith/${name}/broadcast`, () => f(leaf("X23"), leaf("W3")));
  c(`arith/${name}/same`, () => {
    const a = leaf("P23");
    return f(a, a);
  });
  c(`arith/${name}/tensor-scalar`, () => f(leaf("X23"), 2));
  c(`arith/${name}/tensor-float-scalar`, () => f(leaf("X23"), 2.5));
  c(`arith/${name}/scalar-tensor`, () => f(2, leaf("P23")));
  c(`arith/${name}/tensor-0d-const`, () => f(leaf("X23"), konst("SCALAR")));
  c(`arith/${name}/tensor-0d`, () => f(leaf("X23"), leaf("SCALAR")));
  c(`arith/${name}/tensor-int-const`, () => f(leaf("X3"), konst("INT3", "int64")));
  c(`arith/${name}/nonleaf-nonleaf`, () => f(mid("X23"), mid("P23")));
}
c("arith/add/alpha", () => T.add(leaf("X23"), leaf("W23"), 2));
c("arith/add/alpha-const", () => T.add(leaf("X23"), konst("W23"), 2));
c("arith/add/scalar-alpha", () => T.add(leaf("X23"), 2, 3));
c("arith/sub/alpha", () => T.sub(leaf("X23"), leaf("W23"), 2));
c("arith/sub/scalar-alpha", () => T.sub(leaf("X23"), 2, 3));
c("arith/neg", () => leaf("X23").neg());
c("arith/maximum", () => T.maximum(leaf("X23"), leaf("W23")));
c("arith/maximum/const", () => T.maximum(leaf("X23"), konst("W23")));
c("arith/minimum", () => T.minimum(leaf("X23"), leaf("W23")));
c("arith/minimum/const", () => T.minimum(konst("X23"), leaf("W23")));

// --- pow ----------------------------------------------------------------------------------------

for (const e of [3, 2, 0.5, -0.5, -1, -2, 0, 1, 1.5]) {
  c(`pow/tensor-scalar/${e}`, () => leaf("P23").pow(e));
}
c("pow/tensor-tensor", () => leaf("P23").pow(leaf("W23")));
c("pow/tensor-const", () => leaf("P23").pow(konst("W23")));
c("pow/const-tensor", () => konst("P23").pow(leaf("W23")));
c("pow/tensor-0d", () => leaf("P23").pow(leaf("SCALAR")));
c("pow/scalar-tensor", () => T.pow(2, leaf("X23")));
c("pow/float-scalar-tensor", () => T.pow(2.5, leaf("X23")));
c("pow/square", () => T.square(leaf("X23")));

// --- Unary math ---------------------------------------------------------------------------------

const UNARY: Record<string, (x: T.Tensor) => T.Tensor> = {
  abs: T.abs,
  exp: T.exp,
  expm1: T.expm1,
  log: T.log,
  log1p: T.log1p,
  sqrt: T.sqrt,
  rsqrt: T.rsqrt,
  reciprocal: T.reciprocal,
  tanh: T.tanh,
  sigmoid: T.sigmoid,
  relu: T.relu,
  sin: T.sin,
  cos: T.cos,
  sign: T.sign,
  floor: T.floor,
  ceil: T.ceil,
  round: T.round,
  trunc: T.trunc,
  neg: T.neg,
};
for (const [name, f] of Object.entries(UNARY)) {
  c(`unary/${name}`, () => f(leaf("P23")));
  c(`unary/${name}/nonleaf`, () => f(mid("P23")));
}

// --- clamp --------------------------------------------------------------------------------------

c("clamp/both", () => leaf("X23").clamp(-1, 1));
c("clamp/min", () => leaf("X23").clamp(0));
c("clamp/max", () => leaf("X23").clamp(null, 0));
c("clamp/float-bounds", () => leaf("X23").clamp(-0.5, 0.75));

// --- Reductions ---------------------------------------------------------------------------------

c("reduce/sum", () => leaf("X23").sum());
c("reduce/sum/dim", () => leaf("X23").sum(1));
c("reduce/sum/dim-keepdim", () => leaf("X23").sum(1, true));
c("reduce/sum/dims", () => leaf("X23").sum([0, 1]));
c("reduce/sum/negative-dim", () => leaf("X23").sum(-1));
c("reduce/mean", () => leaf("X23").mean());
c("reduce/mean/dim", () => leaf("X23").mean(1));
c("reduce/mean/dim-keepdim", () => leaf("X23").mean(0, true));
c("reduce/mean/dims", () => leaf("X23").mean([0, 1]));
c("reduce/var", () => leaf("X23").var());
c("reduce/var/dim", () => leaf("X23").var(1));
c("reduce/var/dim-keepdim", () => leaf("X23").var(1, { keepdim: true }));
c("reduce/var/correction-0", () => leaf("X23").var(1, { correction: 0 }));
c("reduce/var/unbiased-false", () => leaf("X23").var(null, { unbiased: false }));
c("reduce/std", () => leaf("X23").std());
c("reduce/std/dim", () => leaf("X23").std(1));
c("reduce/std/dim-keepdim", () => leaf("X23").std(0, { keepdim: true }));
c("reduce/std/correction-0", () => leaf("X23").std(1, { correction: 0 }));
c("reduce/prod", () => leaf("X23").prod());
c("reduce/prod/dim", () => leaf("X23").prod(1));
c("reduce/prod/dim-keepdim", () => leaf("X23").prod(1, true));
c("reduce/max", () => leaf("X23").max());
c("reduce/max/dim", () => leaf("X23").max(1).values);
c("reduce/max/dim-keepdim", () => leaf("X23").max(0, true).values);
c("reduce/max/dim-indices", () => leaf("X23").max(1).indices);
c("reduce/min", () => leaf("X23").min());
c("reduce/min/dim", () => leaf("X23").min(1).values);
c("reduce/min/dim-keepdim", () => leaf("X23").min(0, true).values);
c("reduce/amax", () => T.amax(leaf("X23")));
c("reduce/amax/dim", () => T.amax(leaf("X23"), 1));
c("reduce/amax/dim-keepdim", () => T.amax(leaf("X23"), 1, true));
c("reduce/amax/dims", () => T.amax(leaf("X23"), [0, 1]));
c("reduce/logsumexp", () => T.logsumexp(leaf("X23"), 1));
c("reduce/logsumexp/keepdim", () => T.logsumexp(leaf("X23"), 1, true));
c("reduce/logsumexp/dims", () => T.logsumexp(leaf("X23"), [0, 1]));
c("reduce/argmax", () => leaf("X23").argmax());
c("reduce/softmax", () => leaf("X23").softmax(1));
c("reduce/softmax/dim0", () => leaf("X23").softmax(0));
c("reduce/log-softmax", () => leaf("X23").logSoftmax(1));
c("reduce/log-softmax/dim0", () => leaf("X23").logSoftmax(0));

// --- Views --------------------------------------------------------------------------------------

c("view/view", () => leaf("X23").view(3, 2));
c("view/view-infer", () => leaf("X23").view(-1));
c("view/view-nonleaf", () => mid("X23").view(6));
c("view/reshape", () => leaf("X23").reshape(6));
c("view/reshape-same-shape", () => leaf("X23").reshape(2, 3));
c("view/reshape-copy", () => leaf("X23").t().reshape(6));
c("view/flatten", () => leaf("B223").flatten());
c("view/flatten-start", () => leaf("B223").flatten(1));
c("view/flatten-1d", () => leaf("X3").flatten());
c("view/flatten-1d-nonleaf", () => mid("X3").flatten());
c("view/flatten-0d", () => leaf("SCALAR").flatten());
c("view/flatten-noncontiguous", () => leaf("X23").t().flatten());
c("view/transpose", () => leaf("X23").transpose(0, 1));
c("view/transpose-same-dim", () => leaf("X23").transpose(1, 1));
c("view/permute", () => leaf("B223").permute(2, 0, 1));
c("view/t", () => leaf("X23").t());
c("view/t-1d", () => leaf("X3").t());
c("view/t-1d-nonleaf", () => mid("X3").t());
c("view/squeeze", () => leaf("X13").squeeze());
c("view/squeeze-dim", () => leaf("X13").squeeze(0));
c("view/squeeze-dim-not-1", () => leaf("X13").squeeze(1));
c("view/squeeze-none-1", () => leaf("X23").squeeze());
c("view/unsqueeze", () => leaf("X23").unsqueeze(0));
c("view/unsqueeze-last", () => leaf("X23").unsqueeze(-1));
c("view/expand", () => leaf("X13").expand(2, 3));
c("view/expand-infer", () => leaf("X13").expand(2, -1));
c("view/expand-new-dim", () => leaf("X3").expand(2, 3));
c("view/expand-same", () => leaf("X23").expand(2, 3));
c("view/expand-as", () => leaf("X13").expandAs(konst("X23")));
c("view/narrow", () => leaf("X23").narrow(1, 0, 2));
c("view/narrow-full", () => leaf("X23").narrow(1, 0, 3));
c("view/select", () => leaf("X23").select(0, 1));
c("view/select-dim1", () => leaf("X23").select(1, 2));
c("view/select-negative", () => leaf("X23").select(0, -1));
c("view/slice", () => leaf("X23").slice(1, 1, 3));
c("view/slice-step", () => leaf("X5").slice(0, 0, 5, 2));
c("view/slice-dim0", () => leaf("X23").slice(0, 1));
c("view/detach", () => mid("X23").detach());

// --- Copies and dtypes --------------------------------------------------------------------------

c("copy/contiguous-already", () => leaf("X23").contiguous());
c("copy/contiguous-nonleaf", () => mid("X23").contiguous());
c("copy/contiguous-copy", () => leaf("X23").t().contiguous());
c("copy/clone", () => leaf("X23").clone());
c("copy/to-float64", () => leaf("X23").to("float64"));
c("copy/to-same", () => leaf("X23").to("float32"));
c("copy/to-same-nonleaf", () => mid("X23").to("float32"));
c("copy/double", () => leaf("X23").double());
c("copy/float-of-float64", () => leaf("X23", "float64").float());
c("copy/to-int64", () => leaf("X23").to("int64"));

// --- Joining and splitting ----------------------------------------------------------------------

c("join/cat", () => T.cat([leaf("X23"), leaf("W23")], 0));
c("join/cat-dim1", () => T.cat([leaf("X23"), leaf("W23")], 1));
c("join/cat-const", () => T.cat([leaf("X23"), konst("W23")], 0));
c("join/cat-three", () => T.cat([leaf("X23"), konst("W23"), leaf("P23")], 0));
c("join/cat-one", () => T.cat([leaf("X23")], 0));
c("join/stack", () => T.stack([leaf("X23"), leaf("W23")], 0));
c("join/stack-dim1", () => T.stack([leaf("X23"), leaf("W23")], 1));
c("join/stack-last", () => T.stack([leaf("X3"), leaf("W3")], -1));
c("join/stack-const", () => T.stack([konst("X23"), leaf("W23")], 0));
c("join/stack-one", () => T.stack([leaf("X23")], 0));
const piece = (parts: T.Tensor[], i: number): T.Tensor => parts[i]!;
for (let i = 0; i < 3; i++) {
  c(`join/split/${i}`, () => piece(leaf("X5").split(2), i));
  c(`join/chunk-uneven/${i}`, () => piece(leaf("X5").chunk(3), i));
}
for (let i = 0; i < 2; i++) {
  c(`join/split-sizes/${i}`, () => piece(leaf("X5").split([2, 3]), i));
  c(`join/split-dim1/${i}`, () => piece(leaf("X23").split(2, 1), i));
  c(`join/chunk/${i}`, () => piece(leaf("B223").chunk(2, 2), i));
}
c("join/split-whole/0", () => piece(leaf("X5").split(5), 0));

// --- Indexing -----------------------------------------------------------------------------------

const idx2 = () => konst("IDX2", "int64");
const idx22 = () => konst("IDX22", "int64");
const cond = () => konst("COND23", "bool");
c("index/index-select", () => leaf("X23").indexSelect(1, idx2()));
c("index/gather", () => leaf("X23").gather(1, idx22()));
c("index/scatter", () => leaf("X23").scatter(1, idx22(), leaf("S22")));
c("index/scatter-const-src", () => leaf("X23").scatter(1, idx22(), konst("S22")));
c("index/scatter-const-self", () => konst("X23").scatter(1, idx22(), leaf("S22")));
c("index/scatter-value", () => leaf("X23").scatter(1, idx22(), 0.25));
c("index/scatter-add", () => T.scatterAdd(leaf("X23"), 1, idx22(), leaf("S22")));
c("index/scatter-add-const-src", () => T.scatterAdd(leaf("X23"), 1, idx22(), konst("S22")));
c("index/index-add", () => T.indexAdd(leaf("X23"), 1, idx2(), leaf("S22")));
c("index/index-add-const-src", () => T.indexAdd(leaf("X23"), 1, idx2(), konst("S22")));
c("index/masked-fill", () => leaf("X23").maskedFill(cond(), 0.25));
c("index/where", () => T.where(cond(), leaf("X23"), leaf("W23")));
c("index/where-const", () => T.where(cond(), leaf("X23"), konst("W23")));
c("index/where-broadcast", () => T.where(cond(), leaf("X23"), leaf("W3")));
c("index/where-scalar", () => T.where(cond(), leaf("X23"), 0));
c("index/where-scalar-first", () => T.where(cond(), 0, leaf("X23")));

// --- Matrix products ----------------------------------------------------------------------------

const MATMUL: Record<string, readonly [string, string]> = {
  "1d-1d": ["X3", "W3"],
  "1d-2d": ["X2", "X23"],
  "2d-1d": ["X23", "W3"],
  "2d-2d": ["X23", "M32"],
  "3d-2d": ["B223", "M32"],
  "2d-3d": ["X23", "B232"],
  "3d-3d": ["B223", "B232"],
  "3d-1d": ["B223", "W3"],
  "1d-3d": ["X2", "B223"],
  "4d-3d": ["B2223", "B232"],
  "3d-4d": ["B223", "B2232"],
  "4d-2d": ["B2223", "M32"],
  "2d-4d": ["X23", "B2232"],
  "4d-1d": ["B2223", "W3"],
  "1d-4d": ["W3", "B2232"],
};
for (const [shapes, [ka, kb]] of Object.entries(MATMUL)) {
  c(`matmul/${shapes}`, () => leaf(ka).matmul(leaf(kb)));
  c(`matmul/${shapes}/const-b`, () => leaf(ka).matmul(konst(kb)));
  c(`matmul/${shapes}/const-a`, () => konst(ka).matmul(leaf(kb)));
}
c("matmul/3d-2d/noncontiguous", () => leaf("B232").transpose(1, 2).matmul(leaf("M32")));
c("matmul/3d-2d/noncontiguous-const-b", () => leaf("B232").transpose(1, 2).matmul(konst("M32")));
c("matmul/3d-2d/batch-transposed", () => leaf("B223").transpose(0, 1).matmul(leaf("M32")));
c("matmul/3d-1d/noncontiguous", () => leaf("B232").transpose(1, 2).matmul(leaf("W3")));
c("matmul/2d-3d/noncontiguous", () => leaf("X23").matmul(leaf("B223").transpose(1, 2)));
c("matmul/1d-3d/noncontiguous", () => leaf("W3").matmul(leaf("B223").transpose(1, 2)));
c("matmul/mm", () => T.mm(leaf("X23"), leaf("M32")));
c("matmul/mm/const-b", () => T.mm(leaf("X23"), konst("M32")));
c("matmul/bmm", () => T.bmm(leaf("B223"), leaf("B232")));
c("matmul/bmm/const-a", () => T.bmm(konst("B223"), leaf("B232")));

// --- Fused ops ----------------------------------------------------------------------------------

c("fused/linear", () => T.linear(leaf("X23"), leaf("W23"), leaf("X2")));
c("fused/linear/no-bias", () => T.linear(leaf("X23"), leaf("W23")));
c("fused/linear/const-weight", () => T.linear(leaf("X23"), konst("W23"), konst("X2")));
c("fused/linear/1d", () => T.linear(leaf("X3"), leaf("W23"), leaf("X2")));
c("fused/linear/1d-no-bias", () => T.linear(leaf("X3"), leaf("W23")));
c("fused/linear/3d", () => T.linear(leaf("B223"), leaf("W23"), leaf("X2")));
c("fused/linear/3d-no-bias", () => T.linear(leaf("B223"), leaf("W23")));
c("fused/mse-loss", () => T.mseLoss(leaf("X23"), leaf("W23")));
c("fused/mse-loss/sum", () => T.mseLoss(leaf("X23"), konst("W23"), "sum"));
c("fused/mse-loss/broadcast", () => T.mseLoss(leaf("X23"), leaf("X13")));
c("fused/mse-loss/noncontiguous", () => T.mseLoss(leaf("X23").t(), konst("W23").t()));
c("fused/batch-norm", () => T.batchNormTrain(leaf("X23"), leaf("W3"), leaf("X3"), 1e-5));
c("fused/batch-norm/no-affine", () => T.batchNormTrain(leaf("X23"), null, null, 1e-5));
c("fused/batch-norm/const-weight", () =>
  T.batchNormTrain(leaf("X23"), konst("W3"), leaf("X3"), 1e-5),
);
c("fused/batch-norm/strided", () =>
  T.batchNormTrain(leaf("M32").t(), leaf("W3"), leaf("X3"), 1e-5),
);
c("fused/batch-norm/3d", () => T.batchNormTrain(leaf("B232"), leaf("W3"), leaf("X3"), 1e-5));
c("fused/batch-norm/3d-no-affine", () => T.batchNormTrain(konst("B232"), null, null, 1e-5));

// --- In-place ops on non-leaf tensors -----------------------------------------------------------

/** In-place ops applied to `y = leaf(X23) * 1`; the case returns `y`. */
const INPLACE: Record<string, (y: T.Tensor) => unknown> = {
  "add_-scalar": (y) => y.add_(1),
  "add_-tensor": (y) => y.add_(leaf("W23")),
  "add_-const": (y) => y.add_(konst("W23")),
  "add_-alpha": (y) => y.add_(leaf("W23"), 2),
  "sub_-scalar": (y) => y.sub_(1),
  "sub_-tensor": (y) => y.sub_(leaf("W23")),
  "mul_-scalar": (y) => y.mul_(2),
  "mul_-tensor": (y) => y.mul_(leaf("W23")),
  "mul_-self": (y) => y.mul_(y),
  "div_-scalar": (y) => y.div_(2),
  "div_-tensor": (y) => y.div_(leaf("P23")),
  clamp_: (y) => y.clamp_(-1, 1),
  "clamp_-min": (y) => y.clamp_(0),
  fill_: (y) => y.fill_(2),
  zero_: (y) => y.zero_(),
  copy_: (y) => y.copy_(leaf("W23")),
  "copy_-const": (y) => y.copy_(konst("W23")),
  "copy_-broadcast": (y) => y.copy_(leaf("W3")),
  "copy_-float64": (y) => y.copy_(leaf("W23", "float64")),
  uniform_: (y) => y.uniform_(),
  normal_: (y) => y.normal_(),
  random_: (y) => T.random_(y),
  "random_-to": (y) => T.random_(y, 5),
  "random_-from-to": (y) => T.random_(y, 0, 5),
  twice: (y) => y.add_(1).mul_(2),
};
for (const [name, fn] of Object.entries(INPLACE)) {
  c(`inplace/${name}`, () => {
    const y = mid("X23");
    fn(y);
    return y;
  });
}
c("inplace/const-add_-tensor", () => konst("X23").add_(leaf("W23")));

const VIEWS: Record<string, (y: T.Tensor) => T.Tensor> = {
  select: (y) => y.select(0, 0),
  narrow: (y) => y.narrow(1, 1, 2),
  t: (y) => y.t(),
  view: (y) => y.view(6),
};
function onView(
  makeView: (y: T.Tensor) => T.Tensor,
  fn: (v: T.Tensor) => unknown,
  which: "base" | "view",
): () => T.Tensor {
  return () => {
    const y = mid("X23");
    const v = makeView(y);
    fn(v);
    return which === "base" ? y : v;
  };
}
for (const [name, makeView] of Object.entries(VIEWS)) {
  for (const which of ["base", "view"] as const) {
    c(
      `inplace/view-${name}-mul_/${which}`,
      onView(makeView, (v) => v.mul_(2), which),
    );
  }
}
c(
  "inplace/view-select-add_-tensor/base",
  onView(VIEWS.select!, (v) => v.add_(leaf("W3")), "base"),
);
c(
  "inplace/view-select-fill_/base",
  onView(VIEWS.select!, (v) => v.fill_(1), "base"),
);
c("inplace/view-after-base-modified", () => {
  const y = mid("X23");
  const v = y.select(0, 0);
  y.add_(1);
  return v;
});
c("inplace/sibling-view-after-view-modified", () => {
  const y = mid("X23");
  const v = y.select(0, 0);
  const w = y.select(0, 1);
  v.mul_(2);
  return w;
});

// --- Comparing ----------------------------------------------------------------------------------

/**
 * Cases where Kindling's graph is knowingly not PyTorch's, each with what Kindling records instead
 * and why: asserted, so an entry fails once either side changes. Empty: every case matches; add
 * an entry only where matching PyTorch is impractical.
 */
const KNOWN_DIFFERENCES: Record<string, KnownDifference> = {};

describeGradFnParity(
  "gradFn names match PyTorch's grad_fn",
  fixture.cases,
  cases,
  KNOWN_DIFFERENCES,
);
