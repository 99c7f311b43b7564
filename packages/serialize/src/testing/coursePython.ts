/**
 * Python source for the interop tests: the course's `net_class2` as
 * /work/shared/reference/course-helpers.md describes it (the same class as
 * scripts/torch/gen_cli_demo.py), and helpers that give tensors and state dicts as JSON.
 */
export const PYTHON_COURSE = `
import json, math
from collections import OrderedDict
import torch
import torch.nn as nn
torch.set_num_threads(1)

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

def seed_net():
    """The seed's network: net_class2(act_fun=tanh, in_features=5, BN_model='pre')."""
    return net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')

def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]

def state_json(sd):
    """A state dict as {key: {dtype, shape, values}}, values exactly as stored."""
    return {k: {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape),
                "values": [float(x) for x in v.detach().reshape(-1).tolist()]} for k, v in sd.items()}

def predict(net, x):
    """net(x) in eval mode, then back to training mode."""
    net.eval()
    with torch.no_grad():
        out = flat(net(torch.tensor(x, dtype=torch.float32)))
    net.train()
    return out
`;
