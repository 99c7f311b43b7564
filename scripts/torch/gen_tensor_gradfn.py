"""Backward-node names (`grad_fn`) from PyTorch, for @kindling/tensor's `Tensor.gradFn`.

Writes packages/tensor/fixtures/gradfn.json, read by packages/tensor/src/parity/gradfn.parity.test.ts.
Each case id maps to what PyTorch records for the tensor that the case's function returns:

  name   `type(t.grad_fn).__name__`, or None when the result has no grad_fn (a leaf, or the input
         returned as it is)
  next   the names of `t.grad_fn.next_functions`, one level down, in order (None for an input that
         gets no gradient: a constant, a Python scalar); None when there is no grad_fn

Inputs are small literals stored in the fixture (`inputs`). In the cases, `leaf(k)` is a float32
tensor that requires grad (its node is AccumulateGrad), `const(k)` one that does not, and `mid(k)`
is `leaf(k) * 1`, a non-leaf whose node is MulBackward0 (needed for in-place ops). The ids are
grouped by family: arith/, pow/, unary/, clamp/, reduce/, view/, copy/, join/, index/, matmul/,
fused/ and inplace/. The fused/ cases call torch.nn.functional's linear, mse_loss and batch_norm as
the references of @kindling/tensor's own linear, mseLoss and batchNormTrain; @kindling/nn's cases
are gen_nn_gradfn.py's.
"""
import warnings

import torch
import torch.nn.functional as F

from fixtures import describe_grad_fn as describe, write_fixture

INPUTS = {
    "X23": [[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]],
    "W23": [[1.25, 0.5, -0.75], [-1.5, 2.5, 0.25]],
    "P23": [[0.5, 1.25, 2.0], [1.5, 0.75, 3.0]],
    "X13": [[0.5, -1.25, 2.0]],
    "X3": [0.5, -1.25, 2.0],
    "W3": [1.25, 0.5, -0.75],
    "X2": [0.5, -1.5],
    "M32": [[0.5, -1.0], [1.5, 2.0], [-0.25, 0.75]],
    "S22": [[0.25, -1.5], [2.0, 0.5]],
    "B223": [[[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]], [[-0.25, 1.0, 0.5], [2.0, -1.5, 1.25]]],
    "B232": [[[0.5, -1.0], [1.5, 2.0], [-0.25, 0.75]], [[1.0, 0.25], [-0.5, 1.5], [2.0, -1.0]]],
    "B2223": [[[[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]], [[-0.25, 1.0, 0.5], [2.0, -1.5, 1.25]]],
              [[[1.0, 0.5, -0.5], [0.25, -0.75, 1.5]], [[2.0, 0.0, -1.0], [0.5, 1.0, -2.0]]]],
    "B2232": [[[[-3.0, -2.75], [-2.5, -2.25], [-2.0, -1.75]], [[-1.5, -1.25], [-1.0, -0.75], [-0.5, -0.25]]],
              [[[0.0, 0.25], [0.5, 0.75], [1.0, 1.25]], [[1.5, 1.75], [2.0, 2.25], [2.5, 2.75]]]],
    "X5": [0.5, -1.25, 2.0, 1.5, 0.75],
    "COND23": [[True, False, True], [False, True, False]],
    "IDX2": [2, 0],
    "IDX22": [[0, 2], [1, 0]],
    "INT3": [1, 2, 3],
    "SCALAR": 0.5,
}

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def const(key, dtype="float32"):
    return torch.tensor(INPUTS[key], dtype=DTYPES[dtype])


def leaf(key, dtype="float32"):
    return torch.tensor(INPUTS[key], dtype=DTYPES[dtype], requires_grad=True)


def mid(key, dtype="float32"):
    return leaf(key, dtype) * 1


CASES = {}


def case(case_id, fn):
    CASES[case_id] = fn


# --- Arithmetic ---------------------------------------------------------------------------------

BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}
for name, f in BINARY.items():
    case(f"arith/{name}/tensor-tensor", lambda f=f: f(leaf("X23"), leaf("P23")))
    case(f"arith/{name}/tensor-const", lambda f=f: f(leaf("X23"), const("P23")))
    case(f"arith/{name}/const-tensor", lambda f=f: f(const("X23"), leaf("P23")))
    case(f"arith/{name}/broadcast", lambda f=f: f(leaf("X23"), leaf("W3")))
    case(f"arith/{name}/same", lambda f=f: (lambda a: f(a, a))(leaf("P23")))
    case(f"arith/{name}/tensor-scalar", lambda f=f: f(leaf("X23"), 2))
    case(f"arith/{name}/tensor-float-scalar", lambda f=f: f(leaf("X23"), 2.5))
    case(f"arith/{name}/tensor-0d-const", lambda f=f: f(leaf("X23"), const("SCALAR")))
    case(f"arith/{name}/tensor-0d", lambda f=f: f(leaf("X23"), leaf("SCALAR")))
    case(f"arith/{name}/tensor-int-const", lambda f=f: f(leaf("X3"), const("INT3", "int64")))
    case(f"arith/{name}/nonleaf-nonleaf", lambda f=f: f(mid("X23"), mid("P23")))
# Scalar first: torch.add(2, t) etc., as Kindling's add(2, t); for div, Python's `2 / t`
# (`Tensor.__rtruediv__`), which Kindling's div(2, t) computes.
case("arith/add/scalar-tensor", lambda: torch.add(2, leaf("P23")))
case("arith/sub/scalar-tensor", lambda: torch.sub(2, leaf("P23")))
case("arith/mul/scalar-tensor", lambda: torch.mul(2, leaf("P23")))
case("arith/div/scalar-tensor", lambda: 2 / leaf("P23"))
case("arith/add/alpha", lambda: torch.add(leaf("X23"), leaf("W23"), alpha=2))
case("arith/add/alpha-const", lambda: torch.add(leaf("X23"), const("W23"), alpha=2))
case("arith/add/scalar-alpha", lambda: torch.add(leaf("X23"), 2, alpha=3))
case("arith/sub/alpha", lambda: torch.sub(leaf("X23"), leaf("W23"), alpha=2))
case("arith/sub/scalar-alpha", lambda: torch.sub(leaf("X23"), 2, alpha=3))
case("arith/neg", lambda: -leaf("X23"))
case("arith/maximum", lambda: torch.maximum(leaf("X23"), leaf("W23")))
case("arith/maximum/const", lambda: torch.maximum(leaf("X23"), const("W23")))
case("arith/minimum", lambda: torch.minimum(leaf("X23"), leaf("W23")))
case("arith/minimum/const", lambda: torch.minimum(const("X23"), leaf("W23")))

# --- pow ----------------------------------------------------------------------------------------

for e in (3, 2, 0.5, -0.5, -1, -2, 0, 1, 1.5):
    case(f"pow/tensor-scalar/{e}", lambda e=e: leaf("P23") ** e)
case("pow/tensor-tensor", lambda: leaf("P23") ** leaf("W23"))
case("pow/tensor-const", lambda: leaf("P23") ** const("W23"))
case("pow/const-tensor", lambda: const("P23") ** leaf("W23"))
case("pow/tensor-0d", lambda: leaf("P23") ** leaf("SCALAR"))
case("pow/scalar-tensor", lambda: torch.pow(2, leaf("X23")))
case("pow/float-scalar-tensor", lambda: torch.pow(2.5, leaf("X23")))
case("pow/square", lambda: torch.square(leaf("X23")))

# --- Unary math ---------------------------------------------------------------------------------

for name in ("abs", "exp", "expm1", "log", "log1p", "sqrt", "rsqrt", "reciprocal", "tanh", "sigmoid",
             "relu", "sin", "cos", "sign", "floor", "ceil", "round", "trunc", "neg"):
    case(f"unary/{name}", lambda name=name: getattr(torch, name)(leaf("P23")))
    case(f"unary/{name}/nonleaf", lambda name=name: getattr(torch, name)(mid("P23")))

# --- clamp --------------------------------------------------------------------------------------

case("clamp/both", lambda: leaf("X23").clamp(-1, 1))
case("clamp/min", lambda: leaf("X23").clamp(min=0))
case("clamp/max", lambda: leaf("X23").clamp(max=0))
case("clamp/float-bounds", lambda: leaf("X23").clamp(-0.5, 0.75))

# --- Reductions ---------------------------------------------------------------------------------

case("reduce/sum", lambda: leaf("X23").sum())
case("reduce/sum/dim", lambda: leaf("X23").sum(1))
case("reduce/sum/dim-keepdim", lambda: leaf("X23").sum(1, keepdim=True))
case("reduce/sum/dims", lambda: leaf("X23").sum([0, 1]))
case("reduce/sum/negative-dim", lambda: leaf("X23").sum(-1))
case("reduce/mean", lambda: leaf("X23").mean())
case("reduce/mean/dim", lambda: leaf("X23").mean(1))
case("reduce/mean/dim-keepdim", lambda: leaf("X23").mean(0, keepdim=True))
case("reduce/mean/dims", lambda: leaf("X23").mean([0, 1]))
case("reduce/var", lambda: leaf("X23").var())
case("reduce/var/dim", lambda: leaf("X23").var(1))
case("reduce/var/dim-keepdim", lambda: leaf("X23").var(1, keepdim=True))
case("reduce/var/correction-0", lambda: leaf("X23").var(1, correction=0))
case("reduce/var/unbiased-false", lambda: leaf("X23").var(unbiased=False))
case("reduce/std", lambda: leaf("X23").std())
case("reduce/std/dim", lambda: leaf("X23").std(1))
case("reduce/std/dim-keepdim", lambda: leaf("X23").std(0, keepdim=True))
case("reduce/std/correction-0", lambda: leaf("X23").std(1, correction=0))
case("reduce/prod", lambda: leaf("X23").prod())
case("reduce/prod/dim", lambda: leaf("X23").prod(1))
case("reduce/prod/dim-keepdim", lambda: leaf("X23").prod(1, keepdim=True))
case("reduce/max", lambda: leaf("X23").max())
case("reduce/max/dim", lambda: leaf("X23").max(1).values)
case("reduce/max/dim-keepdim", lambda: leaf("X23").max(0, keepdim=True).values)
case("reduce/max/dim-indices", lambda: leaf("X23").max(1).indices)
case("reduce/min", lambda: leaf("X23").min())
case("reduce/min/dim", lambda: leaf("X23").min(1).values)
case("reduce/min/dim-keepdim", lambda: leaf("X23").min(0, keepdim=True).values)
case("reduce/amax", lambda: leaf("X23").amax())
case("reduce/amax/dim", lambda: leaf("X23").amax(1))
case("reduce/amax/dim-keepdim", lambda: leaf("X23").amax(1, keepdim=True))
case("reduce/amax/dims", lambda: leaf("X23").amax([0, 1]))
case("reduce/logsumexp", lambda: leaf("X23").logsumexp(1))
case("reduce/logsumexp/keepdim", lambda: leaf("X23").logsumexp(1, keepdim=True))
case("reduce/logsumexp/dims", lambda: leaf("X23").logsumexp([0, 1]))
case("reduce/argmax", lambda: leaf("X23").argmax())
case("reduce/softmax", lambda: leaf("X23").softmax(1))
case("reduce/softmax/dim0", lambda: leaf("X23").softmax(0))
case("reduce/log-softmax", lambda: leaf("X23").log_softmax(1))
case("reduce/log-softmax/dim0", lambda: leaf("X23").log_softmax(0))

# --- Views --------------------------------------------------------------------------------------

case("view/view", lambda: leaf("X23").view(3, 2))
case("view/view-infer", lambda: leaf("X23").view(-1))
case("view/view-nonleaf", lambda: mid("X23").view(6))
case("view/reshape", lambda: leaf("X23").reshape(6))
case("view/reshape-same-shape", lambda: leaf("X23").reshape(2, 3))
case("view/reshape-copy", lambda: leaf("X23").t().reshape(6))
case("view/flatten", lambda: leaf("B223").flatten())
case("view/flatten-start", lambda: leaf("B223").flatten(1))
case("view/flatten-1d", lambda: leaf("X3").flatten())
case("view/flatten-1d-nonleaf", lambda: mid("X3").flatten())
case("view/flatten-0d", lambda: leaf("SCALAR").flatten())
case("view/flatten-noncontiguous", lambda: leaf("X23").t().flatten())
case("view/transpose", lambda: leaf("X23").transpose(0, 1))
case("view/transpose-same-dim", lambda: leaf("X23").transpose(1, 1))
case("view/permute", lambda: leaf("B223").permute(2, 0, 1))
case("view/t", lambda: leaf("X23").t())
case("view/t-1d", lambda: leaf("X3").t())
case("view/t-1d-nonleaf", lambda: mid("X3").t())
case("view/squeeze", lambda: leaf("X13").squeeze())
case("view/squeeze-dim", lambda: leaf("X13").squeeze(0))
case("view/squeeze-dim-not-1", lambda: leaf("X13").squeeze(1))
case("view/squeeze-none-1", lambda: leaf("X23").squeeze())
case("view/unsqueeze", lambda: leaf("X23").unsqueeze(0))
case("view/unsqueeze-last", lambda: leaf("X23").unsqueeze(-1))
case("view/expand", lambda: leaf("X13").expand(2, 3))
case("view/expand-infer", lambda: leaf("X13").expand(2, -1))
case("view/expand-new-dim", lambda: leaf("X3").expand(2, 3))
case("view/expand-same", lambda: leaf("X23").expand(2, 3))
case("view/expand-as", lambda: leaf("X13").expand_as(const("X23")))
case("view/narrow", lambda: leaf("X23").narrow(1, 0, 2))
case("view/narrow-full", lambda: leaf("X23").narrow(1, 0, 3))
case("view/select", lambda: leaf("X23")[1])
case("view/select-dim1", lambda: leaf("X23").select(1, 2))
case("view/select-negative", lambda: leaf("X23").select(0, -1))
# torch.ops.aten.slice: one slice op, as Kindling's slice (Python's x[:, 1:3] slices dim 0 too).
case("view/slice", lambda: torch.ops.aten.slice(leaf("X23"), 1, 1, 3))
case("view/slice-step", lambda: leaf("X5")[0:5:2])
case("view/slice-dim0", lambda: leaf("X23")[1:])
case("view/detach", lambda: mid("X23").detach())

# --- Copies and dtypes --------------------------------------------------------------------------

case("copy/contiguous-already", lambda: leaf("X23").contiguous())
case("copy/contiguous-nonleaf", lambda: mid("X23").contiguous())
case("copy/contiguous-copy", lambda: leaf("X23").t().contiguous())
case("copy/clone", lambda: leaf("X23").clone())
case("copy/to-float64", lambda: leaf("X23").to(torch.float64))
case("copy/to-same", lambda: leaf("X23").to(torch.float32))
case("copy/to-same-nonleaf", lambda: mid("X23").to(torch.float32))
case("copy/double", lambda: leaf("X23").double())
case("copy/float-of-float64", lambda: leaf("X23", "float64").float())
case("copy/to-int64", lambda: leaf("X23").to(torch.int64))

# --- Joining and splitting ----------------------------------------------------------------------

case("join/cat", lambda: torch.cat([leaf("X23"), leaf("W23")], 0))
case("join/cat-dim1", lambda: torch.cat([leaf("X23"), leaf("W23")], 1))
case("join/cat-const", lambda: torch.cat([leaf("X23"), const("W23")], 0))
case("join/cat-three", lambda: torch.cat([leaf("X23"), const("W23"), leaf("P23")], 0))
case("join/cat-one", lambda: torch.cat([leaf("X23")], 0))
case("join/stack", lambda: torch.stack([leaf("X23"), leaf("W23")], 0))
case("join/stack-dim1", lambda: torch.stack([leaf("X23"), leaf("W23")], 1))
case("join/stack-last", lambda: torch.stack([leaf("X3"), leaf("W3")], -1))
case("join/stack-const", lambda: torch.stack([const("X23"), leaf("W23")], 0))
case("join/stack-one", lambda: torch.stack([leaf("X23")], 0))
for i in range(3):
    case(f"join/split/{i}", lambda i=i: torch.split(leaf("X5"), 2)[i])
    case(f"join/chunk-uneven/{i}", lambda i=i: torch.chunk(leaf("X5"), 3)[i])
for i in range(2):
    case(f"join/split-sizes/{i}", lambda i=i: torch.split(leaf("X5"), [2, 3])[i])
    case(f"join/split-dim1/{i}", lambda i=i: torch.split(leaf("X23"), 2, 1)[i])
    case(f"join/chunk/{i}", lambda i=i: torch.chunk(leaf("B223"), 2, 2)[i])
case("join/split-whole/0", lambda: torch.split(leaf("X5"), 5)[0])

# --- Indexing -----------------------------------------------------------------------------------

case("index/index-select", lambda: leaf("X23").index_select(1, const("IDX2", "int64")))
case("index/gather", lambda: leaf("X23").gather(1, const("IDX22", "int64")))
case("index/scatter", lambda: leaf("X23").scatter(1, const("IDX22", "int64"), leaf("S22")))
case("index/scatter-const-src", lambda: leaf("X23").scatter(1, const("IDX22", "int64"), const("S22")))
case("index/scatter-const-self", lambda: const("X23").scatter(1, const("IDX22", "int64"), leaf("S22")))
case("index/scatter-value", lambda: leaf("X23").scatter(1, const("IDX22", "int64"), 0.25))
case("index/scatter-add", lambda: leaf("X23").scatter_add(1, const("IDX22", "int64"), leaf("S22")))
case("index/scatter-add-const-src", lambda: leaf("X23").scatter_add(1, const("IDX22", "int64"), const("S22")))
case("index/index-add", lambda: leaf("X23").index_add(1, const("IDX2", "int64"), leaf("S22")))
case("index/index-add-const-src", lambda: leaf("X23").index_add(1, const("IDX2", "int64"), const("S22")))
case("index/masked-fill", lambda: leaf("X23").masked_fill(const("COND23", "bool"), 0.25))
case("index/where", lambda: torch.where(const("COND23", "bool"), leaf("X23"), leaf("W23")))
case("index/where-const", lambda: torch.where(const("COND23", "bool"), leaf("X23"), const("W23")))
case("index/where-broadcast", lambda: torch.where(const("COND23", "bool"), leaf("X23"), leaf("W3")))
case("index/where-scalar", lambda: torch.where(const("COND23", "bool"), leaf("X23"), 0.0))
case("index/where-scalar-first", lambda: torch.where(const("COND23", "bool"), 0.0, leaf("X23")))

# --- Matrix products ----------------------------------------------------------------------------

MATMUL = {
    "1d-1d": ("X3", "W3"),
    "1d-2d": ("X2", "X23"),
    "2d-1d": ("X23", "W3"),
    "2d-2d": ("X23", "M32"),
    "3d-2d": ("B223", "M32"),
    "2d-3d": ("X23", "B232"),
    "3d-3d": ("B223", "B232"),
    "3d-1d": ("B223", "W3"),
    "1d-3d": ("X2", "B223"),
    "4d-3d": ("B2223", "B232"),
    "3d-4d": ("B223", "B2232"),
    "4d-2d": ("B2223", "M32"),
    "2d-4d": ("X23", "B2232"),
    "4d-1d": ("B2223", "W3"),
    "1d-4d": ("W3", "B2232"),
}
for shapes, (ka, kb) in MATMUL.items():
    case(f"matmul/{shapes}", lambda ka=ka, kb=kb: leaf(ka) @ leaf(kb))
    case(f"matmul/{shapes}/const-b", lambda ka=ka, kb=kb: leaf(ka) @ const(kb))
    case(f"matmul/{shapes}/const-a", lambda ka=ka, kb=kb: const(ka) @ leaf(kb))
# Strided operands: PyTorch folds the batch into rows unless the last two dims are swapped.
case("matmul/3d-2d/noncontiguous", lambda: leaf("B232").transpose(1, 2) @ leaf("M32"))
case("matmul/3d-2d/noncontiguous-const-b", lambda: leaf("B232").transpose(1, 2) @ const("M32"))
case("matmul/3d-2d/batch-transposed", lambda: leaf("B223").transpose(0, 1) @ leaf("M32"))
case("matmul/3d-1d/noncontiguous", lambda: leaf("B232").transpose(1, 2) @ leaf("W3"))
case("matmul/2d-3d/noncontiguous", lambda: leaf("X23") @ leaf("B223").transpose(1, 2))
case("matmul/1d-3d/noncontiguous", lambda: leaf("W3") @ leaf("B223").transpose(1, 2))
case("matmul/mm", lambda: leaf("X23").mm(leaf("M32")))
case("matmul/mm/const-b", lambda: leaf("X23").mm(const("M32")))
case("matmul/bmm", lambda: leaf("B223").bmm(leaf("B232")))
case("matmul/bmm/const-a", lambda: const("B223").bmm(leaf("B232")))

# --- Fused ops of @kindling/tensor (torch.nn.functional's linear, mse_loss and batch_norm) ----------

case("fused/linear", lambda: F.linear(leaf("X23"), leaf("W23"), leaf("X2")))
case("fused/linear/no-bias", lambda: F.linear(leaf("X23"), leaf("W23")))
case("fused/linear/const-weight", lambda: F.linear(leaf("X23"), const("W23"), const("X2")))
case("fused/linear/1d", lambda: F.linear(leaf("X3"), leaf("W23"), leaf("X2")))
case("fused/linear/1d-no-bias", lambda: F.linear(leaf("X3"), leaf("W23")))
case("fused/linear/3d", lambda: F.linear(leaf("B223"), leaf("W23"), leaf("X2")))
case("fused/linear/3d-no-bias", lambda: F.linear(leaf("B223"), leaf("W23")))
case("fused/mse-loss", lambda: F.mse_loss(leaf("X23"), leaf("W23")))
case("fused/mse-loss/sum", lambda: F.mse_loss(leaf("X23"), const("W23"), reduction="sum"))
case("fused/mse-loss/broadcast", lambda: F.mse_loss(leaf("X23"), leaf("X13")))
case("fused/mse-loss/noncontiguous", lambda: F.mse_loss(leaf("X23").t(), const("W23").t()))
case("fused/batch-norm", lambda: F.batch_norm(leaf("X23"), None, None, leaf("W3"), leaf("X3"),
                                              training=True, eps=1e-5))
case("fused/batch-norm/no-affine", lambda: F.batch_norm(leaf("X23"), None, None, None, None, training=True))
case("fused/batch-norm/const-weight",
     lambda: F.batch_norm(leaf("X23"), None, None, const("W3"), leaf("X3"), training=True))
case("fused/batch-norm/strided", lambda: F.batch_norm(leaf("M32").t(), None, None, leaf("W3"), leaf("X3"),
                                                      training=True))
case("fused/batch-norm/3d", lambda: F.batch_norm(leaf("B232"), None, None, leaf("W3"), leaf("X3"),
                                                 training=True))
case("fused/batch-norm/3d-no-affine", lambda: F.batch_norm(const("B232"), None, None, None, None,
                                                           training=True))

# --- In-place ops on non-leaf tensors -----------------------------------------------------------


def inplace(fn):
    def body():
        y = mid("X23")
        fn(y)
        return y
    return body


case("inplace/add_-scalar", inplace(lambda y: y.add_(1)))
case("inplace/add_-tensor", inplace(lambda y: y.add_(leaf("W23"))))
case("inplace/add_-const", inplace(lambda y: y.add_(const("W23"))))
case("inplace/add_-alpha", inplace(lambda y: y.add_(leaf("W23"), alpha=2)))
case("inplace/sub_-scalar", inplace(lambda y: y.sub_(1)))
case("inplace/sub_-tensor", inplace(lambda y: y.sub_(leaf("W23"))))
case("inplace/mul_-scalar", inplace(lambda y: y.mul_(2)))
case("inplace/mul_-tensor", inplace(lambda y: y.mul_(leaf("W23"))))
case("inplace/mul_-self", inplace(lambda y: y.mul_(y)))
case("inplace/div_-scalar", inplace(lambda y: y.div_(2)))
case("inplace/div_-tensor", inplace(lambda y: y.div_(leaf("P23"))))
case("inplace/clamp_", inplace(lambda y: y.clamp_(-1, 1)))
case("inplace/clamp_-min", inplace(lambda y: y.clamp_(min=0)))
case("inplace/fill_", inplace(lambda y: y.fill_(2)))
case("inplace/zero_", inplace(lambda y: y.zero_()))
case("inplace/copy_", inplace(lambda y: y.copy_(leaf("W23"))))
case("inplace/copy_-const", inplace(lambda y: y.copy_(const("W23"))))
case("inplace/copy_-broadcast", inplace(lambda y: y.copy_(leaf("W3"))))
case("inplace/copy_-float64", inplace(lambda y: y.copy_(leaf("W23", "float64"))))
case("inplace/uniform_", inplace(lambda y: y.uniform_()))
case("inplace/normal_", inplace(lambda y: y.normal_()))
case("inplace/random_", inplace(lambda y: y.random_()))
case("inplace/random_-to", inplace(lambda y: y.random_(5)))
case("inplace/random_-from-to", inplace(lambda y: y.random_(0, 5)))
case("inplace/twice", inplace(lambda y: y.add_(1).mul_(2)))
case("inplace/const-add_-tensor", lambda: const("X23").add_(leaf("W23")))


def on_view(make_view, fn, which):
    def body():
        y = mid("X23")
        v = make_view(y)
        fn(v)
        return y if which == "base" else v
    return body


VIEWS = {
    "select": lambda y: y[0],
    "narrow": lambda y: y.narrow(1, 1, 2),
    "t": lambda y: y.t(),
    "view": lambda y: y.view(6),
}
for vname, make_view in VIEWS.items():
    for which in ("base", "view"):
        case(f"inplace/view-{vname}-mul_/{which}", on_view(make_view, lambda v: v.mul_(2), which))
case("inplace/view-select-add_-tensor/base", on_view(VIEWS["select"], lambda v: v.add_(leaf("W3")), "base"))
case("inplace/view-select-fill_/base", on_view(VIEWS["select"], lambda v: v.fill_(1), "base"))


def view_after_base_inplace():
    y = mid("X23")
    v = y[0]
    y.add_(1)
    return v


case("inplace/view-after-base-modified", view_after_base_inplace)


def other_view_after_view_inplace():
    y = mid("X23")
    v = y[0]
    w = y[1]
    v.mul_(2)
    return w


case("inplace/sibling-view-after-view-modified", other_view_after_view_inplace)


def main():
    warnings.simplefilter("ignore")  # mse_loss's warning for the broadcast case
    torch.manual_seed(0)
    cases = {}
    for case_id, fn in CASES.items():
        cases[case_id] = describe(fn())
    write_fixture("tensor", "gradfn", {"inputs": INPUTS, "cases": cases})


if __name__ == "__main__":
    main()
