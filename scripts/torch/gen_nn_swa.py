"""Reference runs of torch.optim.swa_utils (AveragedModel, update_bn) for @kindling/nn.

A Sequential(Linear(3, 4), BatchNorm1d(4), Linear(4, 1)) whose parameters and buffers are set to
recorded values before each of five `update_parameters` calls (so the test does not depend on
training), with the default average, with a custom exponential average, and with
`use_buffers=True`. Records the averaged model's state dict after each call, then `update_bn`
over recorded batches (bare tensors and [x, y] pairs) and the running statistics it leaves.
"""
import torch
from torch.optim.swa_utils import AveragedModel, update_bn
from fixtures import write_fixture

ROUNDS = 5


def encode(t):
    return {"tensor": t.flatten().tolist(), "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}


def net():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4), torch.nn.Linear(4, 1))


def states(g, model):
    rounds = []
    for _ in range(ROUNDS):
        sd = {}
        for name, v in model.state_dict().items():
            if v.dtype == torch.int64:
                sd[name] = torch.randint(0, 10, v.shape, generator=g)
            else:
                sd[name] = torch.randn(v.shape, generator=g)
        rounds.append(sd)
    return rounds


def ema(averaged, current, num_averaged):
    return 0.9 * averaged + 0.1 * current


cases = []
g = torch.Generator().manual_seed(3)
base = net()
rounds = states(g, base)
for label, kwargs in [("default", {}), ("ema", {"avg_fn": ema}), ("use_buffers", {"use_buffers": True})]:
    model = net()
    swa = AveragedModel(model, **kwargs)
    after = []
    for sd in rounds:
        model.load_state_dict(sd)
        swa.update_parameters(model)
        after.append([[k, encode(v)] for k, v in swa.state_dict().items()])
    cases.append({
        "label": label,
        "initial": [[k, encode(v)] for k, v in net().state_dict().items()],
        "rounds": [[[k, encode(v)] for k, v in sd.items()] for sd in rounds],
        "after": after,
    })

# update_bn: the averaged model of the default case, over bare batches and over [x, y] pairs
batches = [torch.randn(6, 3, generator=g) for _ in range(4)]
bn_cases = []
for label, loader in [("tensors", batches), ("pairs", [[x, torch.zeros(6, 1)] for x in batches])]:
    model = net()
    swa = AveragedModel(model)
    for sd in rounds:
        model.load_state_dict(sd)
        swa.update_parameters(model)
    swa.eval()
    update_bn(loader, swa)
    bn_cases.append({
        "label": label,
        "training_after": swa.training,
        "momentum_after": swa.module[1].momentum,
        "state_dict": [[k, encode(v)] for k, v in swa.state_dict().items()],
    })

write_fixture("nn", "swa", {"cases": cases, "batches": [encode(b) for b in batches], "update_bn": bn_cases})
