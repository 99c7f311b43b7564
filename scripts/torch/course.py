"""The course's helpers in PyTorch (tensorGenReg, tensorGenCla, GenData, split_loader, net_class1..4,
mse_cal, fit_rec), written
from shared/reference/course-helpers.md, shared by the fixture scripts (gen_data.py, gen_nn.py,
gen_cli_demo.py) and the seed experiment's benchmark (apps/cli/bench/experiment.mjs).
"""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, random_split


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
    return DataLoader(data_train, batch_size=batch_size, shuffle=True), DataLoader(data_test, batch_size=batch_size, shuffle=False)


class net_class1(nn.Module):
    def __init__(self, act_fun=torch.relu, in_features=2, n_hidden=4, out_features=1, bias=True, BN_model=None, momentum=0.1):
        super().__init__()
        self.linear1 = nn.Linear(in_features, n_hidden, bias=bias)
        self.normalize1 = nn.BatchNorm1d(n_hidden, momentum=momentum)
        self.linear2 = nn.Linear(n_hidden, out_features, bias=bias)
        self.BN_model, self.act_fun = BN_model, act_fun

    def forward(self, x):
        if self.BN_model is None:
            return self.linear2(self.act_fun(self.linear1(x)))
        if self.BN_model == 'pre':
            return self.linear2(self.act_fun(self.normalize1(self.linear1(x))))
        return self.linear2(self.normalize1(self.act_fun(self.linear1(x))))


def _stack(self, x, n):
    for i in range(1, n + 1):
        lin, bn = getattr(self, 'linear%d' % i), getattr(self, 'normalize%d' % i)
        if self.BN_model is None:
            x = self.act_fun(lin(x))
        elif self.BN_model == 'pre':
            x = self.act_fun(bn(lin(x)))
        else:
            x = bn(self.act_fun(lin(x)))
    return getattr(self, 'linear%d' % (n + 1))(x)


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
        return _stack(self, x, 2)


class net_class3(nn.Module):
    def __init__(self, act_fun=torch.relu, in_features=2, n_hidden1=4, n_hidden2=4, n_hidden3=4, out_features=1, bias=True, BN_model=None, momentum=0.1):
        super().__init__()
        self.linear1 = nn.Linear(in_features, n_hidden1, bias=bias)
        self.normalize1 = nn.BatchNorm1d(n_hidden1, momentum=momentum)
        self.linear2 = nn.Linear(n_hidden1, n_hidden2, bias=bias)
        self.normalize2 = nn.BatchNorm1d(n_hidden2, momentum=momentum)
        self.linear3 = nn.Linear(n_hidden2, n_hidden3, bias=bias)
        self.normalize3 = nn.BatchNorm1d(n_hidden3, momentum=momentum)
        self.linear4 = nn.Linear(n_hidden3, out_features, bias=bias)
        self.BN_model, self.act_fun = BN_model, act_fun

    def forward(self, x):
        return _stack(self, x, 3)


class net_class4(nn.Module):
    def __init__(self, act_fun=torch.relu, in_features=2, n_hidden1=4, n_hidden2=4, n_hidden3=4, n_hidden4=4, out_features=1, bias=True, BN_model=None, momentum=0.1):
        super().__init__()
        self.linear1 = nn.Linear(in_features, n_hidden1, bias=bias)
        self.normalize1 = nn.BatchNorm1d(n_hidden1, momentum=momentum)
        self.linear2 = nn.Linear(n_hidden1, n_hidden2, bias=bias)
        self.normalize2 = nn.BatchNorm1d(n_hidden2, momentum=momentum)
        self.linear3 = nn.Linear(n_hidden2, n_hidden3, bias=bias)
        self.normalize3 = nn.BatchNorm1d(n_hidden3, momentum=momentum)
        self.linear4 = nn.Linear(n_hidden3, n_hidden4, bias=bias)
        self.normalize4 = nn.BatchNorm1d(n_hidden4, momentum=momentum)
        self.linear5 = nn.Linear(n_hidden4, out_features, bias=bias)
        self.BN_model, self.act_fun = BN_model, act_fun

    def forward(self, x):
        return _stack(self, x, 4)


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
