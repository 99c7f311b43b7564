"""Reference data for @kindling/data: the course's generators, random_split, samplers and the
DataLoader's consumption of the default generator, epoch after epoch (PyTorch 1.13, one process).

The course helpers (tensorGenReg, tensorGenCla, GenData, split_loader) are written here from
shared/reference/course-helpers.md.
"""
import torch
from torch.utils.data import DataLoader, Dataset, random_split, RandomSampler, SubsetRandomSampler, TensorDataset
from fixtures import write_fixture


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


def tensorGenCla(num_examples=500, num_inputs=2, num_class=3, deg_dispersion=[4, 2], bias=False):
    cluster_l = torch.empty(num_examples, 1)
    mean_ = deg_dispersion[0]
    std_ = deg_dispersion[1]
    lf, ll = [], []
    k = mean_ * (num_class - 1) / 2
    for i in range(num_class):
        data_temp = torch.normal(i * mean_ - k, std_, size=(num_examples, num_inputs))
        lf.append(data_temp)
        labels_temp = torch.full_like(cluster_l, i)
        ll.append(labels_temp)
    features = torch.cat(lf).float()
    labels = torch.cat(ll).long()
    if bias:
        features = torch.cat((features, torch.ones(len(features), 1)), 1)
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
    return (
        DataLoader(data_train, batch_size=batch_size, shuffle=True),
        DataLoader(data_test, batch_size=batch_size, shuffle=False),
        data_train.indices,
        data_test.indices,
    )


def next_draws():
    """What the default generator gives next: shows how much the code before consumed."""
    return torch.rand(3).tolist()


out = {}

# The seed's data and split, then three epochs of both loaders.
torch.manual_seed(420)
features, labels = tensorGenReg(w=[2, -1, 3, 1, 2], bias=False, deg=2)
train_loader, test_loader, train_idx, test_idx = split_loader(features, labels, batch_size=50)
epochs = []
for epoch in range(3):
    train_first = [X[:, 0].tolist() for X, y in train_loader]
    test_first = [X[:, 0].tolist() for X, y in test_loader]
    epochs.append({"train": train_first, "test": test_first})
out["seed"] = {
    "features": features.flatten().tolist(),
    "labels": labels.flatten().tolist(),
    "train_indices": train_idx,
    "test_indices": test_idx,
    "epochs": epochs,
    "next": next_draws(),
}

# Other generator settings.
gens = {}
torch.manual_seed(0)
f, l = tensorGenReg()
gens["reg_default"] = {"features": f.flatten().tolist(), "labels": l.flatten().tolist(), "shape": list(f.shape), "next": next_draws()}
torch.manual_seed(1)
f, l = tensorGenReg(num_examples=20, w=[3.5, 1], bias=True, deg=3, delta=0.5)
gens["reg_one_input"] = {"features": f.flatten().tolist(), "labels": l.flatten().tolist(), "shape": list(f.shape), "next": next_draws()}
torch.manual_seed(420)
f, l = tensorGenCla()
gens["cla_default"] = {"features": f.flatten().tolist(), "labels": l.flatten().tolist(), "shape": list(f.shape), "next": next_draws()}
torch.manual_seed(2)
f, l = tensorGenCla(num_examples=7, num_inputs=3, num_class=2, deg_dispersion=[2, 1], bias=True)
gens["cla_bias"] = {"features": f.flatten().tolist(), "labels": l.flatten().tolist(), "shape": list(f.shape), "next": next_draws()}
out["generators"] = gens

# random_split with lengths and fractions, with a generator and with the default one.
splits = []
for seed_, lengths in [(0, [3, 7]), (42, [0.3, 0.7]), (5, [0.33, 0.33, 0.34]), (9, [1, 1, 1, 1, 1, 1, 1])]:
    torch.manual_seed(seed_)
    parts = random_split(range(sum(lengths) if all(isinstance(x, int) for x in lengths) else 10), lengths)
    splits.append({"seed": seed_, "lengths": lengths, "indices": [p.indices for p in parts], "next": next_draws()})
g = torch.Generator().manual_seed(123)
parts = random_split(range(10), [0.5, 0.5], generator=g)
splits.append({"generator_seed": 123, "lengths": [0.5, 0.5], "indices": [p.indices for p in parts]})
out["random_split"] = splits

# Samplers and loaders with their own generators, replacement, drop_last.
loaders = []
torch.manual_seed(7)
ds = TensorDataset(torch.arange(23))
for kwargs in [dict(batch_size=5, shuffle=True), dict(batch_size=5, shuffle=True, drop_last=True), dict(batch_size=4, shuffle=False)]:
    batches = [[int(v) for v in b[0]] for b in DataLoader(ds, **kwargs)]
    loaders.append({"kwargs": kwargs, "batches": batches, "next": next_draws()})
g = torch.Generator().manual_seed(99)
batches = [[int(v) for v in b[0]] for b in DataLoader(ds, batch_size=6, shuffle=True, generator=g)]
loaders.append({"kwargs": {"batch_size": 6, "shuffle": True, "generator_seed": 99}, "batches": batches, "next": next_draws()})
torch.manual_seed(11)
rs = list(RandomSampler(range(10), replacement=True, num_samples=40))
loaders.append({"kwargs": {"random_sampler": True, "replacement": True, "num_samples": 40, "n": 10, "seed": 11}, "batches": [rs], "next": next_draws()})
torch.manual_seed(12)
rs = list(RandomSampler(range(10), num_samples=25))
loaders.append({"kwargs": {"random_sampler": True, "replacement": False, "num_samples": 25, "n": 10, "seed": 12}, "batches": [rs], "next": next_draws()})
torch.manual_seed(13)
ss = list(SubsetRandomSampler([5, 9, 2, 7]))
loaders.append({"kwargs": {"subset_random_sampler": [5, 9, 2, 7], "seed": 13}, "batches": [ss], "next": next_draws()})
out["loaders"] = loaders

write_fixture("data", "reference", out)
