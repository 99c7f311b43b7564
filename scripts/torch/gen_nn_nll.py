"""Reduced nll_loss and cross_entropy of @kindling/nn, bit for bit, from PyTorch's own NLL cascade.

Inputs are not stored: both sides draw them from the same seed (Kindling's randn, rand and randint
give PyTorch's values): x = 3·randn(shape) drawn in float32 (float64 normals take glibc's log and
cos, a last bit from V8's) and cast to the case's dtype, targets randint(0, C) with every
7th (flattened) set to ignore_index -100 when `ignore`, and class weights rand(C) + 0.5 when
`weighted` (also drawn in float32). The losses are nll_loss(x, target), x standing for log probabilities (nll_loss does
not check them), and cross_entropy(x, target).
"""
import torch
import torch.nn.functional as F

from fixtures import write_fixture


def build(case):
    dtype = getattr(torch, case["dtype"])
    torch.manual_seed(case["seed"])
    shape = case["shape"]
    x = (torch.randn(shape) * 3).to(dtype)
    classes = shape[0] if len(shape) == 1 else shape[1]
    target_shape = [] if len(shape) == 1 else [shape[0], *shape[2:]]
    target = torch.randint(0, classes, target_shape)
    if case["ignore"]:
        target.view(-1)[::7] = -100
    weight = (torch.rand(classes) + 0.5).to(dtype) if case["weighted"] else None
    return x, target, weight


cases = []
seed = 0
for shape in [[10], [1, 10], [2, 5], [15, 10], [16, 10], [17, 10], [33, 3], [128, 10], [257, 7],
              [1000, 10], [4099, 5], [6, 4, 9], [3, 5, 4, 6], [2, 3, 2, 2, 5]]:
    for dtype in ["float32", "float64"]:
        for weighted in [False, True]:
            for ignore in [False, True]:
                for reduction in ["mean", "sum"]:
                    seed += 1
                    cases.append({"shape": shape, "dtype": dtype, "weighted": weighted,
                                  "ignore": ignore and len(shape) > 1, "reduction": reduction,
                                  "seed": seed})

results = []
for case in cases:
    x, target, weight = build(case)
    nll = F.nll_loss(x, target, weight=weight, reduction=case["reduction"])
    ce = F.cross_entropy(x, target, weight=weight, reduction=case["reduction"])
    results.append({"nll": nll.item(), "ce": ce.item()})

write_fixture("nn", "nllCascade", {"cases": cases, "results": results})
