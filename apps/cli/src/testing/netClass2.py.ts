/**
 * The start of the Python the PyTorch interop tests run: imports, the JSON arguments read from
 * standard input into `args`, and the seed's `net_class2(tanh, 5, BN 'pre')` layout (the layers
 * only: the tests load state into it), ready as `net_class2()`.
 */
export const NET_CLASS2_PY = `import json, sys, torch, torch.nn as nn
from torch.optim import SGD, lr_scheduler
args = json.load(sys.stdin)
class net_class2(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(5, 4); self.normalize1 = nn.BatchNorm1d(4)
        self.linear2 = nn.Linear(4, 4); self.normalize2 = nn.BatchNorm1d(4)
        self.linear3 = nn.Linear(4, 1)
`;
