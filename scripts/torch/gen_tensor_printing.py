"""PyTorch's printouts of tensors, for @kindling/tensor's formatTensor."""
import torch

from fixtures import write_fixture

torch.manual_seed(3)


def case(name, t, base=None, slice_from=None):
    """t printed; with slice_from, t is base[slice_from:] and the values written are base's."""
    values = t if base is None else base
    out = {"name": name, "values": values.detach().double() if t.is_floating_point() else values,
           "shape": list(values.shape), "dtype": str(t.dtype).replace("torch.", ""),
           "requiresGrad": t.requires_grad, "text": repr(t)}
    if slice_from is not None:
        out["sliceFrom"] = slice_from
    return out


def with_value(t, index, value):
    t[index] = value
    return t


# A view whose storage holds a tiny value just before its first element.
view_base = with_value(torch.ones(2001), 0, 1e-9)
# 7 of them fill a line up to where torch's suffixes move to the next one.
halves = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5]


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
    # Summarized: the columns are sized on the printed elements only.
    case("summarizedInt64", torch.arange(0, 1001)),
    case("summarizedBool", torch.ones(1001, dtype=torch.bool)),
    case("summarizedHiddenOutlier", with_value(torch.ones(40, 30), (36, 29), 123456.5)),
    case("summarizedView", view_base[1:], base=view_base, slice_from=1),
    # Exact ties round half to even, as Python's format does.
    case("tieFixed", torch.tensor([0.03125, 1.0])),
    case("tieFixedNegative", torch.tensor([-0.03125, 0.5])),
    case("tieSci", torch.tensor([1.03125, 10000.5])),
    case("tieSciIntegers", torch.tensor([1.0, 100005.0])),
    # Negative zero keeps its sign.
    case("negativeZero", torch.tensor([-0.0, 1.0])),
    case("negativeZeroFixed", torch.tensor([-0.0, 1.5])),
    case("negativeZeroSci", torch.tensor([-0.0, 1e-5, 1.0])),
    # An empty tensor names every dtype but float32.
    case("emptyInt64", torch.zeros(0, dtype=torch.int64)),
    case("emptyBool", torch.zeros(0, dtype=torch.bool)),
    case("emptyFloat64", torch.zeros(0, dtype=torch.float64)),
    case("emptyInt64Matrix", torch.zeros(2, 0, dtype=torch.int64)),
    # Suffixes move to a new line where torch's spelling would pass 80 characters.
    case("suffixWrapRequiresGrad", torch.tensor(halves, requires_grad=True)),
    case("suffixFitsRequiresGrad", torch.tensor(halves[:6], requires_grad=True)),
    case("suffixWrapFloat64", torch.tensor(halves, dtype=torch.float64)),
    case("suffixWrapSecond", torch.tensor(halves[:6], dtype=torch.float64, requires_grad=True)),
    case("suffixAfterLines", torch.arange(10.0, dtype=torch.float64).add(0.5).requires_grad_()),
]
write_fixture("tensor", "printing", cases)
