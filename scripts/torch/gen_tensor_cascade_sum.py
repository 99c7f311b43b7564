"""Float sums and means of @kindling/tensor, bit for bit, from PyTorch's cascade sum (one thread).

Inputs are not stored: element i of a case's base storage is a value both sides compute exactly
from an integer hash of i and the case's seed (see `values`; the test has the same function), with
exponents spread over 2^-8..2^7 so that a different order of additions shows in the last bits. A
case takes a contiguous base of shape `base`, slices its last dim from `start` by `step`, permutes
its dims by `perm`, and sums over `dims` (None for all), keeping them if `keepdim`.
"""
import random

import numpy as np
import torch

from fixtures import write_fixture

U = np.uint64
M32 = U(0xFFFFFFFF)


def hash32(i, seed):
    """A 32-bit mix of uint64 arrays i and seed (every product below 2^64, as Math.imul's)."""
    h = (i * U(0x9E3779B1) + (seed * U(0x85EBCA77) & M32)) & M32
    h ^= h >> U(15)
    h = (h * U(0x2C1B3C6D)) & M32
    h ^= h >> U(12)
    h = (h * U(0x297A2D39)) & M32
    h ^= h >> U(15)
    return h


def values(n, seed, dtype):
    i = np.arange(n, dtype=np.uint64)
    h1 = hash32(i, U(seed))
    exponent = ((h1 >> U(23)) & U(15)).astype(np.float64) - 8
    sign = np.where((h1 >> U(27)) & U(1), -1.0, 1.0)
    if dtype == torch.float32:
        mantissa = (h1 & U(0x7FFFFF)).astype(np.float64) / 2**23
    else:
        h2 = hash32(i, U(seed + 7919))
        m = (h1 & U(0x7FFFFF)) * U(1 << 29) + (h2 & U((1 << 29) - 1))
        mantissa = m.astype(np.float64) / 2**52
    out = sign * (1 + mantissa) * np.exp2(exponent)
    return torch.from_numpy(out).to(dtype)


def build(case, dtype):
    base = values(int(np.prod(case["base"])), case["seed"], dtype).reshape(case["base"])
    x = base[..., case["start"]::case["step"]]
    return x.permute(*case["perm"])


def run(case, dtype):
    x = build(case, dtype)
    dims, keepdim = case["dims"], case["keepdim"]
    s = x.sum() if dims is None else x.sum(dims, keepdim=keepdim)
    m = x.mean() if dims is None else x.mean(dims, keepdim=keepdim)
    return {"shape": list(s.shape), "sum": s.reshape(-1), "mean": m.reshape(-1)}


def plain(base, dims, keepdim=False, seed=1):
    return {"base": base, "start": 0, "step": 1, "perm": list(range(len(base))), "dims": dims,
            "keepdim": keepdim, "seed": seed}


cases = []
for n in [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257,
          511, 512, 513, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 10007,
          65536, 100003, (1 << 20) + 7]:
    cases.append(plain([n], None, seed=n))
for r, c in [(3, 5), (5, 7), (4, 8), (9, 33), (33, 9), (50, 40), (128, 256), (2, 1000),
             (1000, 2), (100, 37), (37, 100), (64, 31), (31, 64), (7, 96), (300, 45), (1, 50),
             (50, 1), (500, 9)]:
    for dims in [[0], [1], None]:
        cases.append(plain([r, c], dims, seed=r * 1000 + c))
    cases.append(plain([r, c], [0], keepdim=True, seed=r + c))
# Many rows into few columns (the scalar four-column order over a long stride).
cases.append(plain([200000, 5], [0], seed=5))

rng = random.Random(13)
while len(cases) < 200:
    nd = rng.randint(1, 4)
    base = [rng.choice([1, 2, 3, 5, 8, 9, 12, 17, 33, 40]) for _ in range(nd)]
    step = rng.choice([1, 1, 1, 2, 3])
    start = rng.randint(0, min(2, base[-1] - 1))
    perm = list(range(nd))
    rng.shuffle(perm)
    k = rng.randint(0, nd)
    dims = sorted(rng.sample(range(nd), k)) if k > 0 else None
    kept = [len(range(start, base[-1], step)) if d == nd - 1 else base[d] for d in range(nd)]
    if dims is not None and np.prod([kept[perm[d]] for d in range(nd) if d not in dims]) > 400:
        continue
    cases.append({"base": base, "start": start, "step": step, "perm": perm, "dims": dims,
                  "keepdim": rng.random() < 0.5, "seed": rng.randint(0, 1 << 20)})

# Past 2^19 vectors in a row the cascade carries every 32 additions instead of 16.
large = [plain([(1 << 24) + (1 << 20) + 3], None, seed=99)]

data = {"cases": cases, "large": large, "float32": [], "float64": [], "largeResults": {}}
for dtype_name, dtype in [("float32", torch.float32), ("float64", torch.float64)]:
    data[dtype_name] = [run(case, dtype) for case in cases]
    data["largeResults"][dtype_name] = [run(case, dtype) for case in large]

special = {
    "nanMiddle": [1.0] * 20 + [float("nan")] + [2.0] * 20,
    "infs": [float("inf")] * 3 + [1.0] * 10 + [float("-inf")],
    "inf": [1.0] * 40 + [float("inf")],
    "negativeZeros": [-0.0] * 37,
    "negativeZero": [-0.0],
    "overflow": [3e38] * 12 + [-3e38] * 12,
}
data["special"] = {}
for name, v in special.items():
    entry = {"x": v}
    for dtype_name, dtype in [("float32", torch.float32), ("float64", torch.float64)]:
        t = torch.tensor(v, dtype=dtype)
        entry[dtype_name] = {"sum": t.sum().item(), "rows": t.reshape(1, -1).sum(1).tolist(),
                             "cols": t.reshape(-1, 1).expand(-1, 9).sum(0).tolist()}
    data["special"][name] = entry

write_fixture("tensor", "cascadeSum", data)
