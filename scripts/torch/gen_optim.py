"""Reference trajectories for @kindling/optim.

For each optimizer and option set: two parameters (a 3x4 matrix and a 4-vector), 50 steps on a
fixed problem whose gradient is set explicitly as `grad = c * p + d` (one float multiply and one
add per element, so the TypeScript side can form the same gradient bit for bit without autograd).
Records the parameters after every step, the state dict after the last step, the state dict after
step 25 (to test resuming from a PyTorch state dict), and the trajectory of steps 26..50.
"""
import copy

import torch
from fixtures import write_fixture

STEPS = 50
RESUME_AT = 25

CASES = [
    ("SGD", "plain", {"lr": 0.1}),
    ("SGD", "momentum", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", "dampening_wd", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("SGD", "nesterov", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.001}),
    ("SGD", "maximize", {"lr": 0.01, "momentum": 0.5, "maximize": True}),
    ("Adam", "default", {"lr": 0.01}),
    ("Adam", "amsgrad_wd", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.05, "amsgrad": True}),
    ("Adam", "maximize", {"lr": 0.01, "maximize": True}),
    ("AdamW", "default", {"lr": 0.01}),
    ("AdamW", "amsgrad", {"lr": 0.02, "weight_decay": 0.1, "amsgrad": True}),
    ("RMSprop", "default", {"lr": 0.01}),
    ("RMSprop", "centered_momentum", {"lr": 0.01, "alpha": 0.9, "centered": True, "momentum": 0.5, "weight_decay": 0.01}),
    ("Adagrad", "default", {"lr": 0.1}),
    ("Adagrad", "decay_init", {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "weight_decay": 0.01}),
    ("Adadelta", "default", {"lr": 1.0}),
    ("Adadelta", "rho_wd", {"lr": 0.5, "rho": 0.8, "weight_decay": 0.01}),
    ("Adamax", "default", {"lr": 0.01}),
    ("Adamax", "wd", {"lr": 0.02, "betas": (0.8, 0.99), "weight_decay": 0.01}),
    ("NAdam", "default", {"lr": 0.01}),
    ("NAdam", "wd", {"lr": 0.01, "weight_decay": 0.01, "momentum_decay": 0.01}),
    ("RAdam", "default", {"lr": 0.01}),
    ("RAdam", "wd", {"lr": 0.01, "weight_decay": 0.01, "betas": (0.8, 0.99)}),
    ("ASGD", "default", {}),
    ("ASGD", "averaging_wd", {"lr": 0.05, "lambd": 0.01, "alpha": 0.6, "t0": 10, "weight_decay": 0.01}),
    ("ASGD", "maximize", {"lr": 0.02, "t0": 0, "maximize": True}),
    ("Rprop", "default", {}),
    ("Rprop", "etas_sizes", {"lr": 0.05, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.2)}),
    ("Rprop", "maximize", {"lr": 0.02, "maximize": True}),
]


def problem(dtype):
    g = torch.Generator().manual_seed(7)
    params = [torch.randn(3, 4, generator=g, dtype=dtype), torch.randn(4, generator=g, dtype=dtype)]
    cs = [torch.rand(3, 4, generator=g, dtype=dtype) + 0.5, torch.rand(4, generator=g, dtype=dtype) + 0.5]
    ds = [torch.randn(3, 4, generator=g, dtype=dtype), torch.randn(4, generator=g, dtype=dtype)]
    return params, cs, ds


def run(cls, options, params, cs, ds, steps, state=None):
    ps = [torch.nn.Parameter(p.clone()) for p in params]
    opt = cls(ps, **options)
    if state is not None:
        opt.load_state_dict(state)
    trajectory = []
    saved = None
    for step in range(1, steps + 1):
        for p, c, d in zip(ps, cs, ds):
            p.grad = c * p.detach() + d
        opt.step()
        trajectory.append([p.detach().flatten().tolist() for p in ps])
        if step == RESUME_AT:
            saved = copy.deepcopy(opt.state_dict())
    return ps, opt, trajectory, saved


def encode_state_dict(sd):
    def value(v):
        if isinstance(v, torch.Tensor):
            return {"tensor": v.flatten().tolist(), "shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")}
        if isinstance(v, tuple):
            return {"tuple": [value(x) for x in v]}
        if isinstance(v, (list,)):
            return [value(x) for x in v]
        return v

    return {
        "state": [[k, [[name, value(v)] for name, v in s.items()]] for k, s in sd["state"].items()],
        "param_groups": [[[k, value(v)] for k, v in group.items()] for group in sd["param_groups"]],
    }


cases = []
for dtype in (torch.float32, torch.float64):
    params, cs, ds = problem(dtype)
    for name, label, options in CASES:
        cls = getattr(torch.optim, name)
        ps, opt, trajectory, saved = run(cls, options, params, cs, ds, STEPS)
        # Resume: a fresh optimizer over the step-25 parameters, loading the step-25 state dict.
        resumed_params = [torch.tensor(trajectory[RESUME_AT - 1][i], dtype=dtype).reshape(p.shape) for i, p in enumerate(params)]
        _, _, resumed, _ = run(cls, options, resumed_params, cs, ds, STEPS - RESUME_AT, state=copy.deepcopy(saved))
        assert resumed == trajectory[RESUME_AT:], (name, label)
        cases.append({
            "optimizer": name,
            "label": label,
            "dtype": str(dtype).replace("torch.", ""),
            "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
            "params": [p.flatten().tolist() for p in params],
            "shapes": [list(p.shape) for p in params],
            "c": [c.flatten().tolist() for c in cs],
            "d": [d.flatten().tolist() for d in ds],
            "trajectory": trajectory,
            "state_dict": encode_state_dict(opt.state_dict()),
            "state_dict_at_resume": encode_state_dict(saved),
        })

errors = []
for name, options in [
    ("SGD", {"lr": -0.1}),
    ("SGD", {"lr": 0.1, "momentum": -1}),
    ("SGD", {"lr": 0.1, "weight_decay": -1}),
    ("SGD", {"lr": 0.1, "nesterov": True}),
    ("Adam", {"lr": -1}),
    ("Adam", {"eps": -1}),
    ("Adam", {"betas": (1.0, 0.999)}),
    ("Adam", {"betas": (0.9, -0.1)}),
    ("Adam", {"weight_decay": -0.1}),
    ("AdamW", {"betas": (0.9, 1.5)}),
    ("RMSprop", {"alpha": -0.5}),
    ("RMSprop", {"momentum": -0.5}),
    ("Adagrad", {"lr_decay": -1}),
    ("Adagrad", {"initial_accumulator_value": -1}),
    ("Adadelta", {"rho": 1.5}),
    ("NAdam", {"momentum_decay": -1}),
    ("ASGD", {"lr": -0.5}),
    ("ASGD", {"weight_decay": -1}),
    ("Rprop", {"lr": -1}),
    ("Rprop", {"etas": (1.5, 2.0)}),
    ("Rprop", {"etas": (0.5, 0.9)}),
    ("Rprop", {"etas": (0.0, 1.2)}),
]:
    try:
        getattr(torch.optim, name)([torch.nn.Parameter(torch.zeros(1))], **options)
        errors.append({"optimizer": name, "options": options, "message": None})
    except ValueError as e:
        errors.append({"optimizer": name, "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()}, "message": str(e)})

write_fixture("optim", "trajectories", cases)
write_fixture("optim", "errors", errors)
