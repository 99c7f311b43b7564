"""Float32 tanh, exp, log and sigmoid of @kindling/tensor, bit for bit, from PyTorch's SLEEF kernels.

PyTorch 1.13's CPU kernels for these call SLEEF (`Sleef_tanhf8_u10`, `Sleef_expf8_u10`,
`Sleef_logf8_u10` on an AVX2 machine) for every element. The inputs are float32 bit patterns
both sides make: every 4093rd pattern from 0 (both signs, NaNs among them), in blocks of 16,384;
each block's results are stored as a checksum, `sum(bits[i] * (2i + 1)) mod 2^32` over the
block's result bits (every NaN as 0x7fc00000), so that 1M results take a few hundred bytes.
Beside them, 300 explicit values a function for readable failures. Sigmoid takes SLEEF's exp for
whole groups of sixteen elements and the C library's expf for the rest of a contiguous run, so
it also has runs of lengths around sixteen ("lengths").
"""
import numpy as np
import torch

from fixtures import write_fixture

STEP = 4093
BLOCK = 1 << 14
COUNT = (1 << 32) // STEP + 1


def checksum(y):
    bits = y.numpy().view(np.uint32).copy()
    bits[np.isnan(y.numpy())] = 0x7FC00000
    weights = 2 * np.arange(len(bits), dtype=np.uint64) + np.uint64(1)
    products = (bits.astype(np.uint64) * weights) & np.uint64(0xFFFFFFFF)
    return int(products.sum(dtype=np.uint64) & np.uint64(0xFFFFFFFF))


patterns = (np.arange(COUNT, dtype=np.uint64) * STEP).astype(np.uint32)
x = torch.from_numpy(patterns.view(np.float32).copy())
result = {"step": STEP, "block": BLOCK, "count": COUNT}
torch.manual_seed(0)
samples = torch.cat([torch.randn(200) * 4, torch.rand(100) * 20 - 10])
for name in ["tanh", "exp", "log", "sigmoid"]:
    fn = getattr(torch, name)
    y = fn(x)
    sums = [checksum(y[i:i + BLOCK]) for i in range(0, COUNT, BLOCK)]
    inputs = samples.abs() if name == "log" else samples
    result[name] = {"checksums": sums, "x": inputs, "y": fn(inputs)}

torch.manual_seed(1)
result["lengths"] = []
for n in [1, 7, 15, 16, 17, 31, 33, 64, 200, 1003]:
    xs = torch.randn(n) * 4
    result["lengths"].append({"x": xs, "sigmoid": torch.sigmoid(xs)})

write_fixture("tensor", "sleef", result)
