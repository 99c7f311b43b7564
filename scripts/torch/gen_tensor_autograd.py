"""Gradients of a small MLP-like chain of ops, from PyTorch, for @kindling/tensor's autograd."""
import torch

from fixtures import write_fixture

torch.manual_seed(2)
data = {}
for dtype_name, dtype in [("float32", torch.float32), ("float64", torch.float64)]:
    x = torch.randn(6, 3, dtype=torch.float64).to(dtype)
    w1 = torch.randn(3, 5, dtype=torch.float64).to(dtype).requires_grad_()
    b1 = torch.randn(5, dtype=torch.float64).to(dtype).requires_grad_()
    w2 = torch.randn(5, 4, dtype=torch.float64).to(dtype).requires_grad_()
    b2 = torch.randn(4, dtype=torch.float64).to(dtype).requires_grad_()
    target = torch.tensor([0, 3, 1, 2, 2, 0])
    h = torch.tanh(x @ w1 + b1)
    logits = h @ w2 + b2
    logp = torch.log_softmax(logits, 1)
    nll = -logp.gather(1, target.unsqueeze(1)).mean()
    reg = (torch.sigmoid(h) * h.exp()).sum() / 10 + (w1 ** 2).sum() * 0.01
    spread = logits.std(0).mean() + torch.relu(logits - 0.5).max() + torch.clamp(h, -0.5, 0.5).mean()
    loss = nll + reg + spread
    loss.backward()
    data[dtype_name] = {
        "x": x, "w1": w1.detach(), "b1": b1.detach(), "w2": w2.detach(), "b2": b2.detach(),
        "target": target, "loss": loss.item(), "nll": nll.item(),
        "grads": {"w1": w1.grad, "b1": b1.grad, "w2": w2.grad, "b2": b2.grad},
    }

write_fixture("tensor", "autograd", data)
