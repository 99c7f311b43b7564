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
from torch.utils.data import DataLoader, Dataset, random_split

from fixtures import ROOT, _clean

EPOCHS = 60
FIRST_ROWS = 5


def tensorGenReg(num_examples=1000, w=[2, -1, 1], bias=True, delta=0.01, deg=1):
    if bias:
        num_inputs = len(w) - 1
        features_true = torch.randn(num_examples, num_inputs)
        w_true = torch.tensor(w[:-1]).reshape(-1, 1).float()
        b_true = torch.tensor(w[-1]).float()
        if num_inputs == 1:
            labels_true = torch.pow(features_true, deg) * w_true + b_true
        else:
            labels_true = torch.mm(torch.pow(features_true, deg), w_true) + b_true
        features = torch.cat((features_true, torch.ones(len(features_true), 1)), 1)
        labels = labels_true + torch.randn(size=labels_true.shape) * delta
    else:
        num_inputs = len(w)
        features = torch.randn(num_examples, num_inputs)
        w_true = torch.tensor(w).reshape(-1, 1).float()
        if num_inputs == 1:
            labels_true = torch.pow(features, deg) * w_true
        else:
            labels_true = torch.mm(torch.pow(features, deg), w_true)
        labels = labels_true + torch.randn(size=labels_true.shape) * delta
    return features, labels


class GenData(Dataset):
    def __init__(self, features, labels):
        self.features = features
        self.labels = labels
        self.lens = len(features)

    def __getitem__(self, index):
        return self.features[index, :], self.labels[index]

    def __len__(self):
        return self.lens


def split_loader(features, labels, batch_size=10, rate=0.7):
    data = GenData(features, labels)
    num_train = int(data.lens * rate)
    num_test = data.lens - num_train
    data_train, data_test = random_split(data, [num_train, num_test])
    return DataLoader(data_train, batch_size=batch_size, shuffle=True), DataLoader(data_test, batch_size=batch_size, shuffle=False)


class net_class2(nn.Module):
    def __init__(self, act_fun=torch.relu, in_features=2, n_hidden1=4, n_hidden2=4, out_features=1, bias=True, BN_model=None, momentum=0.1):
        super().__init__()
        self.linear1 = nn.Linear(in_features, n_hidden1, bias=bias)
        self.normalize1 = nn.BatchNorm1d(n_hidden1, momentum=momentum)
        self.linear2 = nn.Linear(n_hidden1, n_hidden2, bias=bias)
        self.normalize2 = nn.BatchNorm1d(n_hidden2, momentum=momentum)
        self.linear3 = nn.Linear(n_hidden2, out_features, bias=bias)
        self.BN_model, self.act_fun = BN_model, act_fun

    def forward(self, x):
        if self.BN_model is None:
            return self.linear3(self.act_fun(self.linear2(self.act_fun(self.linear1(x)))))
        if self.BN_model == 'pre':
            return self.linear3(self.act_fun(self.normalize2(self.linear2(self.act_fun(self.normalize1(self.linear1(x)))))))
        return self.linear3(self.normalize2(self.act_fun(self.linear2(self.normalize1(self.act_fun(self.linear1(x)))))))


def mse_cal(data_loader, net):
    data = data_loader.dataset
    X = data[:][0]
    y = data[:][1]
    yhat = net(X)
    return nn.functional.mse_loss(yhat, y)


def fit_rec(net, criterion, optimizer, train_data, test_data, epochs=3, scheduler=None, lrs=None):
    """The course's fit_rec (fit_rec_sc when a scheduler is given), recording the lr each epoch used."""
    train_l, test_l = [], []
    for _ in range(epochs):
        lrs.append(optimizer.param_groups[0]['lr'])
        net.train()
        for X, y in train_data:
            yhat = net.forward(X)
            loss = criterion(yhat, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if scheduler is not None:
            scheduler.step()
        net.eval()
        train_l.append(mse_cal(train_data, net).item())
        test_l.append(mse_cal(test_data, net).item())
    return train_l, test_l


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
