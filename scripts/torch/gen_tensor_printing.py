"""PyTorch's printouts of tensors, for @kindling/tensor's formatTensor."""
import torch

from fixtures import write_fixture

torch.manual_seed(3)


def case(name, t):
    return {"name": name, "values": t.detach().double() if t.is_floating_point() else t,
            "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "requiresGrad": t.requires_grad, "text": repr(t)}


cases = [
    case("matrix", torch.tensor([[0.2365, -0.1118]], requires_grad=True)),
    case("randn", torch.randn(3, 4)),
    case("integers", torch.tensor([1.0, 2.0, -30.0])),
    case("scalar", torch.tensor(3.5)),
    case("int64", torch.tensor([[1, -20], [300, 4]])),
    case("bool", torch.tensor([True, False, True])),
    case("float64", torch.randn(2, 2, dtype=torch.float64)),
    case("sci", torch.tensor([1e-5, 1.0, 1e6])),
    case("specials", torch.tensor([float("nan"), float("inf"), -float("inf"), 1.5])),
    case("empty", torch.zeros(0, 3)),
    case("empty1d", torch.zeros(0)),
    case("wide", torch.randn(30)),
    case("big", torch.randn(40, 50)),
    case("cube", torch.randn(2, 3, 4)),
    case("long1d", torch.arange(2000.0)),
]
write_fixture("tensor", "printing", cases)
