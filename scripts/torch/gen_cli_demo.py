"""Reference for `kindling demo` (apps/cli): the seed tutorial's experiment, run in PyTorch 1.13.

Mirrors the seed's order of seeding and construction: manual_seed(420), tensorGenReg(w=[2, -1, 3,
1, 2], bias=False, deg=2), split_loader(batch_size=50); then for each run manual_seed(24),
net_class2(tanh, 5, BN 'pre'), SGD, 60 epochs of fit_rec_sc / fit_rec. The course helpers are
written here from shared/reference/course-helpers.md (as gen_data.py and gen_nn.py do).

Writes apps/cli/fixtures/demo.json: per-epoch train/test MSE and lr of each run, the lr sequences
of the tutorial's two LambdaLR plots, the optimizer state dict around attaching the scheduler, and
the first rows of the seed's features and labels.
"""
import json
import os

import torch
import torch.nn as nn
from torch.optim import SGD, lr_scheduler

from course import fit_rec, net_class2, split_loader, tensorGenReg
from fixtures import ROOT, _clean

EPOCHS = 60
FIRST_ROWS = 5


def lambda_lrs(factor, steps, lr=0.05):
    torch.manual_seed(24)
    net = net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
    optimizer = SGD(net.parameters(), lr=lr)
    scheduler = lr_scheduler.LambdaLR(optimizer, lambda epoch: factor ** epoch)
    out = [optimizer.param_groups[0]['lr']]
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
        out.append(optimizer.state_dict()['param_groups'][0]['lr'])
    return out


def groups(optimizer):
    return [{k: v for k, v in g.items()} for g in optimizer.state_dict()['param_groups']]


torch.manual_seed(420)
features, labels = tensorGenReg(w=[2, -1, 3, 1, 2], bias=False, deg=2)
train_loader, test_loader = split_loader(features, labels, batch_size=50)

# The tutorial's walk-through: the state dict before and after LambdaLR(0.5 ** epoch) is attached.
torch.manual_seed(24)
walk_net = net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
walk_opt = SGD(walk_net.parameters(), lr=0.05)
before = groups(walk_opt)
walk_sched = lr_scheduler.LambdaLR(walk_opt, lambda epoch: 0.5 ** epoch)
after = groups(walk_opt)

runs = []


def run(name, plan, scheduled):
    torch.manual_seed(24)
    net = net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
    train_l, test_l, lrs = [], [], []
    final_lr = None
    for epochs, lr in plan:
        optimizer = SGD(net.parameters(), lr=lr)
        scheduler = lr_scheduler.LambdaLR(optimizer, lambda epoch: 0.95 ** epoch) if scheduled else None
        tr, te = fit_rec(net, nn.MSELoss(), optimizer, train_loader, test_loader, epochs, scheduler, lrs)
        train_l += tr
        test_l += te
        final_lr = optimizer.param_groups[0]['lr']
    runs.append({"name": name, "train_mse": train_l, "test_mse": test_l, "lr": lrs, "final_lr": final_lr})


run("lambda-0.95", [(EPOCHS, 0.05)], True)
run("constant-0.03", [(EPOCHS, 0.03)], False)
run("constant-0.01", [(EPOCHS, 0.01)], False)
run("hand-tuned", [(EPOCHS // 2, 0.03), (EPOCHS - EPOCHS // 2, 0.01)], False)

out = {
    "features_first": features[:FIRST_ROWS].tolist(),
    "labels_first": labels[:FIRST_ROWS].flatten().tolist(),
    "param_groups_before": before,
    "param_groups_after": after,
    "lr_half": lambda_lrs(0.5, 10),
    "lr_095": lambda_lrs(0.95, 100),
    "runs": runs,
}

path = os.path.join(ROOT, "apps", "cli", "fixtures", "demo.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as handle:
    json.dump({"torch_version": torch.__version__, "generator": "scripts/torch/gen_cli_demo.py", "data": _clean(out)}, handle, separators=(",", ":"))
    handle.write("\n")
print("  wrote", os.path.relpath(path, ROOT))
