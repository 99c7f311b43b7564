import { COURSE_PY } from "../../../../scripts/torch/live.js";

/**
 * Python source for the interop tests: the course's `net_class2` from scripts/torch/course.py
 * (the class the fixture scripts use), the seed's instance of it, and helpers that give tensors
 * and state dicts as JSON.
 */
export const PYTHON_COURSE = `${COURSE_PY}
import json, math
from collections import OrderedDict
import torch
import torch.nn as nn
torch.set_num_threads(1)

net_class2 = course.net_class2

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
