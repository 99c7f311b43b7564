import { COURSE_PY } from "../../../../scripts/torch/live.js";

/**
 * The start of the Python the PyTorch interop tests run: imports, the JSON arguments read from
 * standard input into `args`, and the seed's network, `net_class2(tanh, 5, BN 'pre')` from
 * scripts/torch/course.py (the class the fixture scripts use), ready as `net_class2()`.
 */
export const NET_CLASS2_PY = `${COURSE_PY}import json, torch, torch.nn as nn
from torch.optim import SGD, lr_scheduler
args = json.load(sys.stdin)
def net_class2():
    return course.net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
`;
