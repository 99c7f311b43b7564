"""Small float32 matrix products of @kindling/tensor, bit for bit, from PyTorch with the reference BLAS.

PyTorch sends every float32 product to the BLAS, and Debian's reference BLAS (`sgemm`, `sgemv`,
`sdot`) sums each output in float32 in order of k: a rounded product, then a rounded add, from +0,
in every transpose case. `linear` with a bias is `addmm`, whose `weight.t()` takes `sgemm`'s
transposed case: the sum first, then the bias added. OpenBLAS sums in another order, so this
generator refuses to run unless the reference BLAS is the one libblas.so.3 points to.

Inputs are not stored: both sides draw them from the same seed as float32 `randn` (Kindling's
gives PyTorch's values). Layouts: "n" a contiguous matrix, "t" the transpose of a contiguous one.
"""
import os

import torch
import torch.nn.functional as F

from fixtures import write_fixture

blas = os.path.realpath("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
if "/blas/" not in blas:
    raise SystemExit(f"libblas.so.3 is {blas}, not the reference BLAS: "
                     "update-alternatives --set libblas.so.3-x86_64-linux-gnu "
                     "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3")


def matrix(rows, cols, layout):
    return torch.randn(rows, cols) if layout == "n" else torch.randn(cols, rows).t()


cases = []
seed = 0
# the seed network's products (forward and both gradients), then others up to 32³ multiply-adds
shapes = [[50, 5, 4], [50, 4, 4], [50, 4, 1], [50, 4, 5], [4, 50, 5], [4, 50, 4], [1, 50, 4],
          [1, 1, 1], [3, 7, 2], [7, 33, 3], [16, 16, 16], [12, 227, 12], [2, 1000, 3], [20, 8, 20],
          [1, 300, 1], [9, 1, 9]]
for m, k, n in shapes:
    for la in ["n", "t"]:
        for lb in ["n", "t"]:
            seed += 1
            cases.append({"op": "mm", "m": m, "k": k, "n": n, "a": la, "b": lb, "seed": seed})
for rows, inner, out in [[50, 5, 4], [50, 4, 4], [50, 4, 1], [128, 20, 10], [3, 100, 7]]:
    seed += 1
    cases.append({"op": "linear", "m": rows, "k": inner, "n": out, "seed": seed})
for batch, m, k, n in [[3, 4, 5, 6], [2, 10, 20, 10], [5, 1, 64, 3]]:
    seed += 1
    cases.append({"op": "bmm", "batch": batch, "m": m, "k": k, "n": n, "seed": seed})
for k in [1, 4, 5, 6, 11, 1000]:
    seed += 1
    cases.append({"op": "dot", "k": k, "seed": seed})
for m, k in [[4, 5], [33, 7], [1, 300]]:
    seed += 1
    cases.append({"op": "mv", "m": m, "k": k, "seed": seed})

results = []
for case in cases:
    torch.manual_seed(case["seed"])
    op = case["op"]
    if op == "mm":
        a = matrix(case["m"], case["k"], case["a"])
        b = matrix(case["k"], case["n"], case["b"])
        results.append({"out": a.mm(b).flatten()})
    elif op == "linear":
        x = torch.randn(case["m"], case["k"], requires_grad=True)
        w = torch.randn(case["n"], case["k"], requires_grad=True)
        bias = torch.randn(case["n"], requires_grad=True)
        g = torch.randn(case["m"], case["n"])
        y = F.linear(x, w, bias)
        y.backward(g)
        results.append({"out": y.detach().flatten(), "x_grad": x.grad.flatten(),
                        "w_grad": w.grad.flatten(), "b_grad": bias.grad})
    elif op == "bmm":
        a = torch.randn(case["batch"], case["m"], case["k"])
        b = torch.randn(case["batch"], case["k"], case["n"])
        results.append({"out": a.bmm(b).flatten()})
    elif op == "dot":
        a = torch.randn(case["k"])
        b = torch.randn(case["k"])
        results.append({"out": [a.dot(b).item()]})
    else:
        a = torch.randn(case["m"], case["k"])
        v = torch.randn(case["k"])
        results.append({"out": a.mv(v)})

write_fixture("tensor", "products", {"blas": blas, "cases": cases, "results": results})
