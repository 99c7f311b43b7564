"""Reference data for @kindling/data: the course's generators, random_split, samplers and the
DataLoader's consumption of the default generator, epoch after epoch (PyTorch 1.13, one process).

The course helpers come from course.py; split_loader here also returns the split's indices.
"""
import torch
from torch.utils.data import DataLoader, Dataset, random_split, RandomSampler, SubsetRandomSampler, TensorDataset
from course import GenData, tensorGenCla, tensorGenReg
from fixtures import write_fixture


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
