"""Forward values of @kindling/tensor's elementwise ops in float32 and float64, from PyTorch."""
import torch

from fixtures import write_fixture

torch.manual_seed(0)
special = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 1e-8, 1e30, -1e30, float("inf"), float("-inf"), float("nan")]
base = (torch.randn(40, dtype=torch.float64) * 3).tolist() + special
other = (torch.randn(len(base), dtype=torch.float64) * 3).tolist()
other[:len(special)] = [1.0, 2.0, 0.0, -0.0, 3.0, -1.5, 2.5, 1e-8, float("inf"), 1e30, -2.0, float("nan"), 1.0]
positive = (torch.rand(30, dtype=torch.float64) * 10 + 1e-3).tolist()

UNARY = {
    "neg": torch.neg, "abs": torch.abs, "exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt,
    "rsqrt": torch.rsqrt, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu,
    "sin": torch.sin, "cos": torch.cos, "reciprocal": torch.reciprocal, "sign": torch.sign,
    "floor": torch.floor, "ceil": torch.ceil, "trunc": torch.trunc, "round": torch.round,
    "log1p": torch.log1p, "expm1": torch.expm1,
}
BINARY = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "pow": torch.pow,
    "maximum": torch.maximum, "minimum": torch.minimum,
}

data = {}
for dtype_name, dtype in [("float32", torch.float32), ("float64", torch.float64)]:
    x = torch.tensor(base, dtype=dtype)
    y = torch.tensor(other, dtype=dtype)
    p = torch.tensor(positive, dtype=dtype)
    entry = {"x": x, "y": y, "positive": p, "unary": {}, "unaryPositive": {}, "binary": {}}
    for name, fn in UNARY.items():
        entry["unary"][name] = fn(x)
        entry["unaryPositive"][name] = fn(p)
    for name, fn in BINARY.items():
        entry["binary"][name] = fn(x, y)
    # gradients of each unary op at x (special values included), the upstream gradient y
    entry["unaryGrad"] = {}
    for name, fn in UNARY.items():
        leaf = x.clone().requires_grad_()
        fn(leaf).backward(y)
        entry["unaryGrad"][name] = leaf.grad
    entry["clamp"] = torch.clamp(x, -1.0, 2.0)
    # min above max: every element becomes max (min(max(x, min), max))
    entry["clampCrossed"] = torch.clamp(x, 1.0, -1.0)
    entry["powScalar2"] = torch.pow(x, 2)
    # the exponents PyTorch computes by other ops (x*x*x, 1/(x*x), reciprocal, sqrt, rsqrt), and
    # one it does not; each with its gradient for the upstream gradient y
    entry["powScalars"], entry["powScalarsGrad"] = {}, {}
    for e in [3.0, -2.0, -1.0, 0.5, -0.5, 0.0, 1.5]:
        leaf = x.clone().requires_grad_()
        torch.pow(leaf, e).backward(y)
        entry["powScalars"][str(e)] = torch.pow(x, e)
        entry["powScalarsGrad"][str(e)] = leaf.grad
    entry["powScalarHalf"] = torch.pow(p, 0.5)
    entry["linspace"] = torch.linspace(-3.7, 11.3, 29, dtype=dtype)
    entry["arange"] = torch.arange(-1.5, 2.3, 0.3, dtype=dtype)
    data[dtype_name] = entry

write_fixture("tensor", "elementwise", data)
