"""var and std of @kindling/tensor, bit for bit, from PyTorch's own arithmetic (one thread).

Inputs are not stored: both sides draw x = 3·randn(base) + 1 in float32 from the case's seed
(float64 cases cast it: PyTorch's float64 normals take glibc's log and cos), take a view of it
(`perm` permutes the dims, `step` slices the last dim of the base), and reduce over `dims`
(None for all) with `correction` and `keepdim`.
"""
import random

import torch

from fixtures import write_fixture


def build(case):
    torch.manual_seed(case["seed"])
    base = (torch.randn(case["base"]) * 3 + 1).to(getattr(torch, case["dtype"]))
    return base[..., :: case["step"]].permute(*case["perm"])


rng = random.Random(7)
cases = []
plain = [([1000], None), ([40000], None), ([50, 4], [0]), ([50, 4], [1]), ([300, 45], [0]),
         ([300, 45], [1]), ([6, 5, 7], [0, 2]), ([6, 5, 7], [1]), ([64, 33], None), ([129, 3], [0]),
         ([1, 9], [0]), ([9, 1], [0]), ([2], None), ([5, 1, 3], [0, 1])]
for shape, dims in plain:
    for dtype in ["float32", "float64"]:
        cases.append({"base": shape, "step": 1, "perm": list(range(len(shape))), "dims": dims,
                      "correction": 1, "keepdim": False, "dtype": dtype,
                      "seed": rng.randint(0, 1 << 20)})
while len(cases) < 140:
    nd = rng.randint(1, 4)
    base = [rng.choice([1, 2, 3, 5, 8, 13, 20]) for _ in range(nd)]
    perm = list(range(nd))
    rng.shuffle(perm)
    k = rng.randint(0, nd)
    cases.append({"base": base, "step": rng.choice([1, 1, 2]), "perm": perm,
                  "dims": sorted(rng.sample(range(nd), k)) if k else None,
                  "correction": rng.choice([0, 1, 1, 2]), "keepdim": rng.random() < 0.5,
                  "dtype": rng.choice(["float32", "float64"]), "seed": rng.randint(0, 1 << 20)})

results = []
for case in cases:
    x = build(case)
    kw = {"correction": case["correction"]}
    if case["dims"] is None:
        v, s = torch.var(x, None, **kw), torch.std(x, None, **kw)
    else:
        v = torch.var(x, case["dims"], keepdim=case["keepdim"], **kw)
        s = torch.std(x, case["dims"], keepdim=case["keepdim"], **kw)
    results.append({"shape": list(v.shape), "var": v.reshape(-1), "std": s.reshape(-1)})

write_fixture("tensor", "variance", {"cases": cases, "results": results})
