"""Reductions, softmax and matmul of @kindling/tensor in float32 and float64, from PyTorch."""
import torch

from fixtures import write_fixture

torch.manual_seed(1)
values = torch.randn(3, 4, 5, dtype=torch.float64)
values[1, 2, 3] = values[1, 2, 0]  # a tie for max/min along dim 2

data = {}
for dtype_name, dtype in [("float32", torch.float32), ("float64", torch.float64)]:
    x = values.to(dtype)
    entry = {"x": x, "byDim": {}}
    entry["all"] = {
        "sum": x.sum(), "mean": x.mean(), "var": x.var(), "std": x.std(),
        "varPopulation": x.var(unbiased=False), "prod": x[0, :2].prod(),
        "max": x.max(), "min": x.min(), "argmax": x.argmax(), "argmin": x.argmin(),
        "logsumexp": torch.logsumexp(x, dim=(0, 1, 2)),
    }
    for dim in [0, 1, 2, -1]:
        for keepdim in [False, True]:
            key = f"{dim}/{keepdim}"
            mx = x.max(dim, keepdim)
            mn = x.min(dim, keepdim)
            entry["byDim"][key] = {
                "sum": x.sum(dim, keepdim), "mean": x.mean(dim, keepdim),
                "var": x.var(dim, keepdim=keepdim), "std": x.std(dim, keepdim=keepdim),
                "varCorrection0": x.var(dim, correction=0, keepdim=keepdim) if hasattr(torch, "var") else None,
                "prod": x.prod(dim, keepdim),
                "maxValues": mx.values, "maxIndices": mx.indices,
                "minValues": mn.values, "minIndices": mn.indices,
                "argmax": x.argmax(dim, keepdim), "argmin": x.argmin(dim, keepdim),
                "amax": x.amax(dim, keepdim), "logsumexp": torch.logsumexp(x, dim, keepdim),
                "softmax": torch.softmax(x, dim), "logSoftmax": torch.log_softmax(x, dim),
            }
    entry["sumDims01"] = x.sum((0, 1))
    entry["meanDims02Keep"] = x.mean((0, 2), keepdim=True)
    a = torch.randn(7, 13, dtype=torch.float64).to(dtype)
    b = torch.randn(13, 9, dtype=torch.float64).to(dtype)
    big_a = torch.randn(33, 67, dtype=torch.float64).to(dtype)
    big_b = torch.randn(67, 29, dtype=torch.float64).to(dtype)
    entry["matmul"] = {"a": a, "b": b, "mm": a @ b, "bigA": big_a, "bigB": big_b, "bigMm": big_a @ big_b}
    long = torch.linspace(-1, 3, 10007, dtype=dtype)
    entry["largeSum"] = {"first": long[:5], "last": long[-5:], "sum": long.sum(), "mean": long.mean()}
    data[dtype_name] = entry



def grad_of(values, dtype, fn):
    """The gradient of fn(x).sum() at x = values."""
    x = torch.tensor(values, dtype=dtype, requires_grad=True)
    fn(x).sum().backward()
    return x.grad


def grad_fn_name(t):
    return type(t.grad_fn).__name__


# Edge cases: non-finite float64 sums, empty dim lists, size-0 reductions, bool max/min, and the
# backward of std, var, max and mv.
inf = float("inf")
nan = float("nan")
f64 = torch.float64
square = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
pair = torch.tensor([[1, 5], [7, 2]])
bools = torch.tensor([[True, False], [False, False]])
ramp = [[1.0, 1.0, 1.0], [1.0, 2.0, 3.0]]
matrix = torch.ones(2, 3, dtype=f64, requires_grad=True)
data["edges"] = {
    "sumInf": torch.tensor([inf, 1, 2], dtype=f64).sum(),
    "sumInfDim0": torch.tensor([[inf, 1], [2, 3]], dtype=f64).sum(0),
    "sumInfDim1": torch.tensor([[inf, 1], [2, 3]], dtype=f64).sum(1),
    # Columns summed across a row (cols >= rows), with infinities and an overflow.
    "sumColsInf": torch.tensor([[1.7e308, inf, 1, -inf], [1.7e308, 1, -1, 2]], dtype=f64).sum(0),
    "meanNegInf": torch.tensor([-inf, -1], dtype=f64).mean(),
    "sumOverflow": torch.tensor([1.7e308, 1.7e308, -1], dtype=f64).sum(),
    "stdOverflow": torch.tensor([1e308, -1e308, 1e308], dtype=f64).std(),
    "varInf": torch.tensor([1, 2, inf], dtype=f64).var(),
    "varInfDim0": torch.tensor([[inf, 1], [2, 3]], dtype=f64).var(0),
    "sumEmptyDims": square.sum([]),
    "sumEmptyDimsKeep": square.sum([], keepdim=True),
    "meanEmptyDims": square.mean([]),
    "varEmptyDims": square.var([]),
    "argmaxKeepdim": torch.argmax(pair, dim=None, keepdim=True),
    "argminKeepdim": torch.argmin(pair, dim=None, keepdim=True),
    "logsumexpEmpty": torch.logsumexp(torch.zeros([0]), 0),
    "logsumexpEmptyInt": torch.logsumexp(torch.zeros([0, 3], dtype=torch.int64), 0),
    "logsumexpEmptyRows": torch.logsumexp(torch.zeros([3, 0]), 1),
    "boolMax": torch.max(bools),
    "boolMin": torch.min(bools),
    "boolMaxDim1Keep": list(torch.max(bools, 1, keepdim=True)),
    "boolMinDim0": list(torch.min(bools, 0)),
    "boolAmax1": torch.amax(bools, 1),
    "boolSign": torch.sign(torch.tensor([True, False])),
    "stdZeroGrad": grad_of(ramp, f64, lambda x: x.std(1)),
    "stdZeroGradCorrection0": grad_of(ramp, f64, lambda x: x.std(1, correction=0)),
    "stdAllZeroGrad": grad_of([2.0, 2.0, 2.0], f64, lambda x: x.std()),
    "varGrad": grad_of(ramp, f64, lambda x: x.var(1, keepdim=True) * torch.tensor([[1.0], [2.0]], dtype=f64)),
    "varAllGradCorrection2": grad_of([1.0, 2.0, 4.0, 8.0], f64, lambda x: x.var(None, correction=2)),
    "maxNanGrad": grad_of([1.0, nan, 3.0], torch.float32, lambda x: x.max()),
    "maxTwoNanGrad": grad_of([nan, nan, 3.0], torch.float32, lambda x: x.max()),
    "minNanGrad": grad_of([1.0, nan, 3.0], torch.float32, lambda x: x.min()),
    "mvGrad": {
        "a": grad_of([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], f64,
                     lambda a: torch.matmul(a, torch.tensor([1.0, -1.0, 2.0], dtype=f64))),
        "b": grad_of([1.0, -1.0, 2.0], f64,
                     lambda b: torch.matmul(torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=f64), b)),
    },
    "gradFnNames": {
        "var": grad_fn_name(matrix.var(1)),
        "varAll": grad_fn_name(matrix.var()),
        "std": grad_fn_name(matrix.std(1)),
        "stdAll": grad_fn_name(matrix.std(None, correction=0)),
        "mv": grad_fn_name(torch.matmul(matrix, torch.ones(3, dtype=f64))),
        "sumEmptyDims": grad_fn_name(matrix.sum([])),
        "meanEmptyDims": grad_fn_name(matrix.mean([])),
    },
}

write_fixture("tensor", "reductions", data)
