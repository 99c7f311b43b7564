"""Float32 softmax and log-softmax over the last dim, for @kindling/tensor's fused row kernels
(src/kernels/softmaxRows.ts and its WebAssembly twin).

Inputs come from torch.randn with a seed (Kindling's randn gives the same bits), scaled, so the
fixture holds only the seeds, shapes and PyTorch's results. Row lengths 1 to 20 cover PyTorch's
in-order sums below eight elements and each partial last group of eight lanes; longer rows the
lanes themselves. A few hand-written rows hold NaN, infinities, ties and huge values. Each random
case also holds both ops' gradients for an upstream gradient from torch.randn (gradSeed).
"""
import torch

from fixtures import write_fixture

cases = []
for cols in list(range(1, 21)) + [23, 31, 64, 100, 257, 1000]:
    for scale in [1.0, 12.0] if cols <= 100 else [4.0]:
        seed = 1000 + cols
        torch.manual_seed(seed)
        x = torch.randn(4, cols) * scale
        # the upstream gradient: torch.randn from gradSeed
        torch.manual_seed(seed + 500)
        g = torch.randn(4, cols)
        grads = {}
        for name, fn in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
            leaf = x.clone().requires_grad_()
            fn(leaf, -1).backward(g)
            grads[name] = leaf.grad
        cases.append({
            "seed": seed,
            "gradSeed": seed + 500,
            "shape": [4, cols],
            "scale": scale,
            "softmax": torch.softmax(x, -1),
            "logSoftmax": torch.log_softmax(x, -1),
            "softmaxGrad": grads["softmax"],
            "logSoftmaxGrad": grads["logSoftmax"],
        })

nan = float("nan")
inf = float("inf")
special_rows = [
    [1.0, 2.0, nan, 0.5, 0.0, -1.0, 3.0, 2.0, 1.0],
    [-inf] * 9,
    [0.0, inf, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    [5.0] * 9,
    [1e30, -1e30, 3e38, -3e38, 0.0, 1e-30, -0.0, 88.0, -104.0],
    [-inf, 0.0, -inf, 1.0, -inf, 2.0, -inf, 3.0, -inf],
]
special = torch.tensor(special_rows, dtype=torch.float32)
short = torch.tensor([[1.0, nan, 2.0], [-inf, -inf, -inf], [0.0, -inf, inf], [3.0, 3.0, 3.0]])
write_fixture("tensor", "softmax", {
    "cases": cases,
    "special": {"x": special, "softmax": torch.softmax(special, -1),
                "logSoftmax": torch.log_softmax(special, -1)},
    "short": {"x": short, "softmax": torch.softmax(short, -1),
              "logSoftmax": torch.log_softmax(short, -1)},
})
