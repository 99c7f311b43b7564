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

write_fixture("tensor", "reductions", data)
