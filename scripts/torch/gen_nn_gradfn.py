"""Backward-node names (`grad_fn`) of torch.nn.functional and torch.nn layers, for @kindling/nn.

Writes packages/nn/fixtures/gradfn.json, read by packages/nn/src/functional/gradfn.parity.test.ts;
the companion of gen_tensor_gradfn.py (see there for the format: per case id, the result's
`grad_fn` name and the names of its `next_functions`). `leaf(k)` requires grad, `const(k)` does not.
"""
import warnings

import torch
import torch.nn.functional as F
from torch import nn

from fixtures import describe_grad_fn as describe, write_fixture

INPUTS = {
    "X23": [[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]],
    "W23": [[1.25, 0.5, -0.75], [-1.5, 2.5, 0.25]],
    "P23": [[0.5, 0.25, 0.75], [0.125, 0.625, 0.375]],
    "T23": [[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]],
    "X3": [0.5, -1.25, 2.0],
    "W3": [1.25, 0.5, -0.75],
    "X2": [0.5, -1.5],
    "B223": [[[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]], [[-0.25, 1.0, 0.5], [2.0, -1.5, 1.25]]],
    "B232": [[[0.5, -1.0], [1.5, 2.0], [-0.25, 0.75]], [[1.0, 0.25], [-0.5, 1.5], [2.0, -1.0]]],
    "CLS2": [2, 0],
    "CLS2I": [2, -100],
}

DTYPES = {"float32": torch.float32, "int64": torch.int64}


def const(key, dtype="float32"):
    return torch.tensor(INPUTS[key], dtype=DTYPES[dtype])


def leaf(key, dtype="float32"):
    return torch.tensor(INPUTS[key], dtype=DTYPES[dtype], requires_grad=True)


CASES = {}


def case(case_id, fn):
    CASES[case_id] = fn


# --- linear, functional and the layer -----------------------------------------------------------

LINEAR_INPUTS = {"1d": "X3", "2d": "X23", "3d": "B223"}
for dims, key in LINEAR_INPUTS.items():
    case(f"linear/{dims}", lambda key=key: F.linear(leaf(key), leaf("W23"), leaf("X2")))
    case(f"linear/{dims}/no-bias", lambda key=key: F.linear(leaf(key), leaf("W23")))
    case(f"linear/{dims}/const-input", lambda key=key: F.linear(const(key), leaf("W23"), leaf("X2")))
case("linear/2d/const-weight", lambda: F.linear(leaf("X23"), const("W23"), leaf("X2")))
case("linear/2d/const-bias", lambda: F.linear(leaf("X23"), leaf("W23"), const("X2")))
case("linear/2d/noncontiguous", lambda: F.linear(leaf("X23").t(), leaf("W23").t(), leaf("W3")))
case("linear/3d/noncontiguous", lambda: F.linear(leaf("B223").transpose(0, 1), leaf("W23"), leaf("X2")))
case("linear/3d/noncontiguous-no-bias", lambda: F.linear(leaf("B223").transpose(0, 1), leaf("W23")))


def layer(bias, key):
    def body():
        torch.manual_seed(0)
        return nn.Linear(3, 2, bias=bias)(const(key))
    return body


for dims, key in LINEAR_INPUTS.items():
    case(f"layer/Linear/{dims}", layer(True, key))
    case(f"layer/Linear/{dims}/no-bias", layer(False, key))



def batch_norm(mode, key, affine=True, track=True):
    def body():
        torch.manual_seed(0)
        bn = nn.BatchNorm1d(3, affine=affine, track_running_stats=track)
        bn.train(mode == "train")
        return bn(leaf(key))
    return body


BN_INPUTS = {"2d": "X23", "3d": "B232"}
for mode in ("train", "eval"):
    for dims, key in BN_INPUTS.items():
        case(f"layer/BatchNorm1d/{mode}/{dims}", batch_norm(mode, key))
        case(f"layer/BatchNorm1d/{mode}/{dims}/no-affine", batch_norm(mode, key, affine=False))
    case(f"layer/BatchNorm1d/{mode}/no-running-stats", batch_norm(mode, "X23", track=False))
case("layer/Flatten", lambda: nn.Flatten()(leaf("B223")))
case("layer/Flatten/2d", lambda: nn.Flatten()(leaf("X23")))
case("layer/Identity", lambda: nn.Identity()(leaf("X23")))


def sequential():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(3, 2), nn.ReLU())(leaf("X23"))


case("layer/Sequential", sequential)

# --- Activations and dropout --------------------------------------------------------------------

case("act/relu", lambda: F.relu(leaf("X23")))
case("act/sigmoid", lambda: torch.sigmoid(leaf("X23")))
case("act/tanh", lambda: torch.tanh(leaf("X23")))
case("act/softmax", lambda: F.softmax(leaf("X23"), 1))
case("act/log-softmax", lambda: F.log_softmax(leaf("X23"), 1))
case("act/gelu", lambda: F.gelu(leaf("X23")))
case("act/gelu-tanh", lambda: F.gelu(leaf("X23"), approximate="tanh"))
case("act/elu", lambda: F.elu(leaf("X23")))
case("act/elu-alpha", lambda: F.elu(leaf("X23"), 0.5))
case("act/silu", lambda: F.silu(leaf("X23")))
case("act/softplus", lambda: F.softplus(leaf("X23")))
case("act/softplus-beta", lambda: F.softplus(leaf("X23"), 2.0, 1.0))
case("act/leaky-relu", lambda: F.leaky_relu(leaf("X23")))
case("act/leaky-relu-slope", lambda: F.leaky_relu(leaf("X23"), 0.2))
case("dropout/train", lambda: F.dropout(leaf("X23"), 0.5, True))
case("dropout/p0", lambda: F.dropout(leaf("X23"), 0.0, True))
case("dropout/p1", lambda: F.dropout(leaf("X23"), 1.0, True))
case("dropout/eval", lambda: F.dropout(leaf("X23"), 0.5, False))

# --- Losses -------------------------------------------------------------------------------------

REDUCTIONS = ("mean", "sum", "none")
for r in REDUCTIONS:
    case(f"loss/mse/{r}", lambda r=r: F.mse_loss(leaf("X23"), const("W23"), reduction=r))
    case(f"loss/mse/{r}/both", lambda r=r: F.mse_loss(leaf("X23"), leaf("W23"), reduction=r))
    case(f"loss/l1/{r}", lambda r=r: F.l1_loss(leaf("X23"), const("W23"), reduction=r))
    case(f"loss/smooth-l1/{r}", lambda r=r: F.smooth_l1_loss(leaf("X23"), const("W23"), reduction=r))
    case(f"loss/huber/{r}", lambda r=r: F.huber_loss(leaf("X23"), const("W23"), reduction=r, delta=0.5))
    case(f"loss/nll/{r}", lambda r=r: F.nll_loss(leaf("X23"), const("CLS2", "int64"), reduction=r))
    case(f"loss/nll/{r}/weight",
         lambda r=r: F.nll_loss(leaf("X23"), const("CLS2", "int64"), weight=const("W3").abs(), reduction=r))
    case(f"loss/cross-entropy/{r}", lambda r=r: F.cross_entropy(leaf("X23"), const("CLS2", "int64"), reduction=r))
    case(f"loss/cross-entropy/{r}/probabilities",
         lambda r=r: F.cross_entropy(leaf("X23"), const("P23"), reduction=r))
    case(f"loss/cross-entropy/{r}/label-smoothing",
         lambda r=r: F.cross_entropy(leaf("X23"), const("CLS2", "int64"), reduction=r, label_smoothing=0.1))
    case(f"loss/bce/{r}", lambda r=r: F.binary_cross_entropy(leaf("P23"), const("T23"), reduction=r))
    case(f"loss/bce-logits/{r}",
         lambda r=r: F.binary_cross_entropy_with_logits(leaf("X23"), const("T23"), reduction=r))
case("loss/smooth-l1/mean/beta-0", lambda: F.smooth_l1_loss(leaf("X23"), const("W23"), beta=0.0))
case("loss/nll/mean/ignore-index", lambda: F.nll_loss(leaf("X23"), const("CLS2I", "int64")))
case("loss/nll/1d", lambda: F.nll_loss(leaf("X3"), torch.tensor(1)))
case("loss/cross-entropy/mean/weight",
     lambda: F.cross_entropy(leaf("X23"), const("CLS2", "int64"), weight=const("W3").abs()))
case("loss/bce/mean/weight", lambda: F.binary_cross_entropy(leaf("P23"), const("T23"), weight=const("X3").abs()))
case("loss/bce/mean/target-grad", lambda: F.binary_cross_entropy(leaf("P23"), leaf("T23")))
case("loss/bce-logits/mean/pos-weight",
     lambda: F.binary_cross_entropy_with_logits(leaf("X23"), const("T23"), pos_weight=const("W3").abs()))
case("loss/bce-logits/mean/weight",
     lambda: F.binary_cross_entropy_with_logits(leaf("X23"), const("T23"), weight=const("W3").abs()))
case("loss/bce-logits/mean/target-grad",
     lambda: F.binary_cross_entropy_with_logits(leaf("X23"), leaf("T23")))


def main():
    warnings.simplefilter("ignore")
    torch.manual_seed(0)
    cases = {case_id: describe(fn()) for case_id, fn in CASES.items()}
    write_fixture("nn", "gradfn", {"inputs": INPUTS, "cases": cases})


if __name__ == "__main__":
    main()
