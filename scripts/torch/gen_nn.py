"""Fixtures for @kindling/nn: initial weights, layer and loss forward/backward, BatchNorm running
statistics, the course networks' state-dict keys and repr, and load_state_dict's strict error."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from course import net_class1, net_class2, net_class3, net_class4
from fixtures import write_fixture


def sd_lists(sd):
    return {k: {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""), "values": v.reshape(-1).tolist()} for k, v in sd.items()}


def init_weights():
    out = {}
    torch.manual_seed(24)
    net = net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
    out["net_class2_seed24"] = sd_lists(net.state_dict())
    torch.manual_seed(0)
    layers = [nn.Linear(3, 7), nn.Linear(10, 2, bias=False), nn.Linear(1, 1)]
    out["linears_seed0"] = [sd_lists(l.state_dict()) for l in layers]
    out["after_linears_rand"] = torch.rand(3).tolist()
    torch.manual_seed(7)
    w = torch.empty(6, 5)
    nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain('tanh'))
    w2 = torch.empty(4, 3, dtype=torch.float64)
    nn.init.kaiming_uniform_(w2, mode='fan_out', nonlinearity='relu')
    w3 = torch.empty(20, 3)
    nn.init.xavier_normal_(w3)
    w4 = torch.empty(5, 4)
    nn.init.kaiming_normal_(w4)
    out["init_seed7"] = {"xavier_uniform_tanh_6x5": w.reshape(-1).tolist(), "kaiming_uniform_fanout_relu_4x3_f64": w2.reshape(-1).tolist(),
                         "xavier_normal_20x3": w3.reshape(-1).tolist(), "kaiming_normal_5x4": w4.reshape(-1).tolist()}
    out["gains"] = {"tanh": nn.init.calculate_gain('tanh'), "relu": nn.init.calculate_gain('relu'), "leaky_relu": nn.init.calculate_gain('leaky_relu'),
                    "leaky_relu_sqrt5": nn.init.calculate_gain('leaky_relu', 5 ** 0.5), "selu": nn.init.calculate_gain('selu')}
    return out


def grads_of(module, x, extra_inputs=()):
    module.zero_grad()
    x = x.clone().requires_grad_(True)
    y = module(x, *extra_inputs)
    g = torch.linspace(-1, 1, y.numel(), dtype=y.dtype).reshape(y.shape)
    (y * g).sum().backward()
    return {"output": y.detach().reshape(-1).tolist(), "output_shape": list(y.shape), "input_grad": x.grad.reshape(-1).tolist(),
            "param_grads": {n: p.grad.reshape(-1).tolist() for n, p in module.named_parameters()}}


def layer_cases():
    cases = []
    for dtype in (torch.float32, torch.float64):
        dname = str(dtype).replace("torch.", "")
        g = torch.Generator().manual_seed(1)
        x2 = torch.randn(6, 4, generator=g, dtype=dtype) * 2
        x3 = torch.randn(5, 4, 3, generator=g, dtype=dtype)
        torch.manual_seed(3)
        lin = nn.Linear(4, 3).to(dtype)
        cases.append({"name": "Linear", "dtype": dname, "mode": "train", "input": x2.reshape(-1).tolist(), "input_shape": list(x2.shape),
                      "state": sd_lists(lin.state_dict()), **grads_of(lin, x2)})
        for affine in (True, False):
            for mode in ("train", "eval"):
                for x in (x2, x3):
                    bn = nn.BatchNorm1d(4, momentum=0.3, affine=affine).to(dtype)
                    if affine:
                        with torch.no_grad():
                            bn.weight.copy_(torch.tensor([1.5, -0.5, 2.0, 0.75]))
                            bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3, 0.0]))
                    with torch.no_grad():
                        bn.running_mean.copy_(torch.tensor([0.5, -0.25, 0.1, 0.0]))
                        bn.running_var.copy_(torch.tensor([1.5, 0.5, 2.0, 1.0]))
                    start = sd_lists(bn.state_dict())
                    bn.train(mode == "train")
                    r = grads_of(bn, x)
                    cases.append({"name": "BatchNorm1d", "affine": affine, "dtype": dname, "mode": mode, "input": x.reshape(-1).tolist(), "input_shape": list(x.shape),
                                  "state": start, "state_after": sd_lists(bn.state_dict()), **r})
        for name, mod in [("ReLU", nn.ReLU()), ("Tanh", nn.Tanh()), ("Sigmoid", nn.Sigmoid()), ("LeakyReLU", nn.LeakyReLU(0.1)), ("ELU", nn.ELU(0.7)),
                          ("GELU", nn.GELU()), ("GELUtanh", nn.GELU(approximate='tanh')), ("SiLU", nn.SiLU()), ("Softplus", nn.Softplus(2.0, 3.0)),
                          ("Softmax", nn.Softmax(dim=1)), ("LogSoftmax", nn.LogSoftmax(dim=1)), ("Flatten", nn.Flatten()), ("Identity", nn.Identity())]:
            x = x3 if name == "Flatten" else x2
            cases.append({"name": name, "dtype": dname, "mode": "train", "input": x.reshape(-1).tolist(), "input_shape": list(x.shape), **grads_of(mod, x)})
    return cases


def loss_cases():
    cases = []
    for dtype in (torch.float32, torch.float64):
        dname = str(dtype).replace("torch.", "")
        g = torch.Generator().manual_seed(2)
        x = torch.randn(6, 4, generator=g, dtype=dtype)
        y = torch.randn(6, 4, generator=g, dtype=dtype)
        p = torch.rand(6, 4, generator=g, dtype=dtype) * 0.98 + 0.01
        t01 = (torch.rand(6, 4, generator=g, dtype=dtype) > 0.5).to(dtype)
        cls = torch.tensor([0, 3, 1, -100, 2, 3])
        w = torch.tensor([0.5, 1.0, 2.0, 1.5], dtype=dtype)
        pw = torch.tensor([1.0, 2.0, 0.5, 3.0], dtype=dtype)
        specs = [
            ("MSELoss", {}, y), ("L1Loss", {}, y), ("SmoothL1Loss", {"beta": 0.5}, y), ("HuberLoss", {"delta": 0.7}, y),
            ("CrossEntropyLoss", {}, cls), ("CrossEntropyLoss", {"weight": w}, cls), ("CrossEntropyLoss", {"label_smoothing": 0.1}, cls),
            ("CrossEntropyLoss", {"label_smoothing": 0.2, "weight": w}, cls), ("NLLLoss", {"weight": w}, cls), ("NLLLoss", {}, cls),
            ("BCELoss", {}, t01), ("BCEWithLogitsLoss", {}, t01), ("BCEWithLogitsLoss", {"pos_weight": pw}, t01),
        ]
        for name, kw, target in specs:
            for reduction in ("mean", "sum", "none"):
                inp = p if name == "BCELoss" else (F.log_softmax(x, 1) if name == "NLLLoss" else x)
                inp = inp.detach().clone().requires_grad_(True)
                loss = getattr(nn, name)(reduction=reduction, **kw)(inp, target)
                gout = torch.linspace(-1, 1, loss.numel(), dtype=dtype).reshape(loss.shape) if reduction == "none" else torch.ones((), dtype=dtype)
                (loss * gout).sum().backward()
                opts = {k: (v.tolist() if torch.is_tensor(v) else v) for k, v in kw.items()}
                cases.append({"name": name, "dtype": dname, "reduction": reduction, "options": opts, "input": inp.detach().reshape(-1).tolist(), "input_shape": list(inp.shape),
                              "target": target.reshape(-1).tolist(), "target_shape": list(target.shape), "target_dtype": str(target.dtype).replace("torch.", ""),
                              "output": loss.detach().reshape(-1).tolist(), "output_shape": list(loss.shape), "input_grad": inp.grad.reshape(-1).tolist()})
    return cases


def running_stats():
    out = []
    for dtype in (torch.float32, torch.float64):
        for momentum in (0.1, None):
            for shape in ((50, 4), (8, 4, 5)):
                g = torch.Generator().manual_seed(5)
                bn = nn.BatchNorm1d(4, momentum=momentum).to(dtype)
                batches = [torch.randn(*shape, generator=g, dtype=dtype) * 3 + 1 for _ in range(5)]
                for b in batches:
                    bn(b)
                out.append({"dtype": str(dtype).replace("torch.", ""), "momentum": momentum, "shape": list(shape),
                            "batches": [b.reshape(-1).tolist() for b in batches], "state": sd_lists(bn.state_dict())})
    return out


def course():
    out = {}
    for name, cls in (("net_class1", net_class1), ("net_class2", net_class2), ("net_class3", net_class3), ("net_class4", net_class4)):
        net = cls(act_fun=torch.tanh, in_features=5)
        out[name] = {"keys": list(net.state_dict().keys()), "params": [n for n, _ in net.named_parameters()], "repr": repr(net)}
    net = net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
    sd = net.state_dict()
    del sd["linear2.bias"]
    sd["linear9.weight"] = torch.zeros(2)
    sd["extra"] = torch.zeros(1)
    sd["linear1.weight"] = torch.zeros(4, 3)
    sd["normalize1.running_var"] = torch.zeros(5)
    try:
        net.load_state_dict(sd)
    except RuntimeError as e:
        out["strict_error"] = str(e)
    # The seed network's forward/backward from seed 24 on a fixed batch, train then eval.
    for bn_model in ('pre', 'post', None):
        torch.manual_seed(24)
        net = net_class2(act_fun=torch.tanh, in_features=5, BN_model=bn_model)
        g = torch.Generator().manual_seed(9)
        x = torch.randn(50, 5, generator=g)
        y = torch.randn(50, 1, generator=g)
        loss = F.mse_loss(net(x), y)
        loss.backward()
        net.eval()
        ev = net(x).detach()
        out["seed_net_%s" % bn_model] = {"x": x.reshape(-1).tolist(), "y": y.reshape(-1).tolist(), "loss": loss.item(),
                                          "grads": {n: (p.grad.reshape(-1).tolist() if p.grad is not None else None) for n, p in net.named_parameters()},
                                          "eval_output": ev.reshape(-1).tolist(), "state_after": sd_lists(net.state_dict())}
    return out


def dropout_cases():
    """F.dropout and nn.Dropout in training mode: the mask PyTorch draws from the default generator,
    then the next draw, so a test also checks how many draws the mask consumed."""
    out = []
    for dtype in (torch.float32, torch.float64):
        for p, shape, seed in ((0.3, (8, 5), 7), (0.5, (4, 33), 0), (0.9, (3,), 420)):
            torch.manual_seed(seed)
            x = torch.arange(1, 1 + torch.Size(shape).numel(), dtype=dtype).reshape(shape) / 7
            y = nn.Dropout(p)(x)
            out.append({"dtype": str(dtype).replace("torch.", ""), "p": p, "seed": seed, "shape": list(shape),
                        "input": x.reshape(-1).tolist(), "output": y.reshape(-1).tolist(), "next": torch.rand(2).tolist()})
    return out


write_fixture("nn", "init", init_weights())
write_fixture("nn", "layers", layer_cases())
write_fixture("nn", "losses", loss_cases())
write_fixture("nn", "running_stats", running_stats())
write_fixture("nn", "course", course())
write_fixture("nn", "dropout", dropout_cases())
