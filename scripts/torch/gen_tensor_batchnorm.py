"""Batch norm of [N, C] input, forward and backward, for @kindling/tensor's batchNormTrain and
batchNormEval, bit for bit from PyTorch 1.13's CPU kernels (batch_norm_kernel.cpp's channels-last
loops, which [N, C] input takes).

Inputs are not stored: both sides draw them from the case's seed as float32 `randn` (Kindling's
gives PyTorch's values), cast to the case's dtype: x = 2·randn(n, c) + 0.5, then (affine) weight
= randn(c)·0.5 + 1 and bias = randn(c), then (eval) running_mean = randn(c) and running_var =
rand(c) + 0.5, then the output gradient g = randn(n, c).
"""
import torch
import torch.nn.functional as F

from fixtures import write_fixture

cases = []
seed = 100
for n, c in [[2, 1], [50, 4], [37, 5], [9, 3], [64, 8], [40, 16], [20, 13], [3, 33], [300, 2]]:
    for dtype in ["float32", "float64"]:
        for affine in [True, False]:
            for train in [True, False]:
                seed += 1
                cases.append({"n": n, "c": c, "dtype": dtype, "affine": affine, "train": train,
                              "seed": seed})

results = []
for case in cases:
    dtype = getattr(torch, case["dtype"])
    n, c = case["n"], case["c"]
    torch.manual_seed(case["seed"])
    x = (torch.randn(n, c) * 2 + 0.5).to(dtype).requires_grad_()
    w = b = None
    if case["affine"]:
        w = (torch.randn(c) * 0.5 + 1).to(dtype).requires_grad_()
        b = torch.randn(c).to(dtype).requires_grad_()
    rm = rv = None
    if not case["train"]:
        rm = torch.randn(c).to(dtype)
        rv = (torch.rand(c) + 0.5).to(dtype)
    g = torch.randn(n, c).to(dtype)
    y = F.batch_norm(x, rm, rv, w, b, training=case["train"], eps=1e-5)
    y.backward(g)
    result = {"out": y.detach().flatten(), "x_grad": x.grad.flatten()}
    if case["affine"]:
        result["w_grad"] = w.grad
        result["b_grad"] = b.grad
    results.append(result)

write_fixture("tensor", "batchNorm", {"cases": cases, "results": results})
