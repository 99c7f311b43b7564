"""PyTorch reference sequences for @kindling/lr-scheduler.

For every scheduler, several parameter sets (edge cases included): the lr of every param group
after construction and after each of at least 300 `scheduler.step()` calls (the optimizer steps
first, as PyTorch expects), the momentum or beta1 where it is cycled, `state_dict()` after a few
steps, and PyTorch's error for invalid arguments.

Lambdas are written as expression strings that are valid both in Python and in Kindling's
expression language (`0.95 ** epoch`, `epoch // 30`, `1 / sqrt(max(epoch, 1))`); CyclicLR's custom
scale function uses the variable `x`. Functions inside a state dict (OneCycleLR's `anneal_func`,
CyclicLR's `_scale_fn_ref`, SWALR's `anneal_func`) are written as the name of the strategy, the
way Kindling's `stateDict()` writes them; plain lambdas are None, as PyTorch writes them.
"""
import math
import random
import warnings
import weakref
from collections import Counter

import torch
from fixtures import write_fixture
from torch.optim import lr_scheduler as L
from torch.optim.swa_utils import SWALR

warnings.simplefilter("ignore")

NAMESPACE = {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,
    "cos": math.cos,
    "sin": math.sin,
    "pi": math.pi,
    "min": min,
    "max": max,
    "abs": abs,
    "floor": math.floor,
}

FUNCTION_NAMES = {
    "_annealing_cos": "cos",
    "_annealing_linear": "linear",
    "_cosine_anneal": "cos",
    "_linear_anneal": "linear",
    "_triangular_scale_fn": "triangular",
    "_triangular2_scale_fn": "triangular2",
    "_exp_range_scale_fn": "exp_range",
}


def lam(expr, var="epoch"):
    return eval("lambda " + var + ": " + expr, dict(NAMESPACE))


def clean(value):
    if isinstance(value, weakref.ref):
        value = value()
    if isinstance(value, Counter):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if callable(value):
        return FUNCTION_NAMES.get(getattr(value, "__name__", ""), None)
    return value


def make_optimizer(kind, groups):
    params = []
    for g in groups:
        entry = {"params": [torch.zeros(1, requires_grad=True)]}
        entry.update({k: (tuple(v) if k == "betas" else v) for k, v in g.items()})
        params.append(entry)
    if kind == "sgd":
        return torch.optim.SGD(params, lr=0.1, momentum=0.9)
    if kind == "adam":
        return torch.optim.Adam(params, lr=0.1)
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=0.1)
    raise ValueError(kind)


def group_view(group, kind):
    view = {"lr": group["lr"]}
    if "initial_lr" in group:
        view["initial_lr"] = group["initial_lr"]
    if kind == "sgd":
        view["momentum"] = group["momentum"]
    if kind == "adam":
        view["betas"] = list(group["betas"])
    return view


def convert_kwargs(name, kwargs):
    out = dict(kwargs)
    if name in ("LambdaLR", "MultiplicativeLR"):
        f = out["lr_lambda"]
        out["lr_lambda"] = [lam(e) for e in f] if isinstance(f, list) else lam(f)
    if name == "CyclicLR" and "scale_fn" in out:
        out["scale_fn"] = lam(out["scale_fn"], "x")
    return out


CLASSES = {
    "LambdaLR": L.LambdaLR,
    "MultiplicativeLR": L.MultiplicativeLR,
    "StepLR": L.StepLR,
    "MultiStepLR": L.MultiStepLR,
    "ConstantLR": L.ConstantLR,
    "LinearLR": L.LinearLR,
    "ExponentialLR": L.ExponentialLR,
    "PolynomialLR": L.PolynomialLR,
    "CosineAnnealingLR": L.CosineAnnealingLR,
    "ReduceLROnPlateau": L.ReduceLROnPlateau,
    "CyclicLR": L.CyclicLR,
    "OneCycleLR": L.OneCycleLR,
    "CosineAnnealingWarmRestarts": L.CosineAnnealingWarmRestarts,
    "SWALR": SWALR,
}


def build(spec, opt):
    name = spec["scheduler"]
    if name == "SequentialLR":
        children = [build(c, opt) for c in spec["children"]]
        return L.SequentialLR(opt, children, **spec.get("kwargs", {}))
    if name == "ChainedScheduler":
        return L.ChainedScheduler([build(c, opt) for c in spec["children"]])
    return CLASSES[name](opt, **convert_kwargs(name, spec.get("kwargs", {})))


def momentum_of(group, kind):
    return group["betas"][0] if kind == "adam" else group["momentum"]


def run_case(case):
    kind = case.get("optimizer", "sgd")
    opt = make_optimizer(kind, case["groups"])
    record = dict(case)
    record["optimizer"] = kind
    record["groups"] = [group_view(g, kind) for g in opt.param_groups]
    sched = build(case, opt)
    cycled = case["scheduler"] in ("CyclicLR", "OneCycleLR")
    lrs = [[g["lr"] for g in opt.param_groups]]
    momenta = [[momentum_of(g, kind) for g in opt.param_groups]] if cycled else None
    states = {"0": clean(sched.state_dict())}
    state_at = case.get("state_at", [3, 150])
    metrics = case.get("metrics")
    epochs = case.get("epochs")
    steps = case.get("steps", 300)
    for i in range(steps):
        opt.step()
        try:
            if metrics is not None:
                sched.step(metrics[i])
            elif epochs is not None:
                sched.step(epochs[i])
            else:
                sched.step()
        except (ValueError, ZeroDivisionError) as e:
            record["error"] = {"step": i + 1, "type": type(e).__name__, "message": str(e)}
            break
        lrs.append([g["lr"] for g in opt.param_groups])
        if cycled:
            momenta.append([momentum_of(g, kind) for g in opt.param_groups])
        if i + 1 in state_at:
            states[str(i + 1)] = clean(sched.state_dict())
    record["lrs"] = lrs
    if cycled:
        record["momenta"] = momenta
    record["states"] = states
    return record


def noisy(seed, n, mode, step=0.01, noise=0.05, digits=3):
    rng = random.Random(seed)
    out = []
    for t in range(n):
        base = 1.0 / (1.0 + step * t) if mode == "min" else 1.0 - 1.0 / (1.0 + step * t)
        out.append(round(base + noise * (rng.random() - 0.5), digits))
    return out


def g(*lrs, **extra):
    return [dict({"lr": lr}, **{k: v[i] for k, v in extra.items()}) for i, lr in enumerate(lrs)]


C = lambda name, scheduler, groups, steps=300, **kw: dict(
    {"name": name, "scheduler": scheduler, "groups": groups, "steps": steps}, **kw)

EPOCH_JUMPS = [0, 1, 2, 5, 5, 9, 30, 31, 29, 60, 61, 61, 100] + list(range(101, 388))

CASES = {
    "lambda_lr": [
        C("seed 0.95 ** epoch", "LambdaLR", g(0.05), kwargs={"lr_lambda": "0.95 ** epoch"}),
        C("two groups, two lambdas", "LambdaLR", g(0.1, 0.01),
          kwargs={"lr_lambda": ["epoch // 30", "0.95 ** epoch"]}),
        C("resume at last_epoch 10", "LambdaLR", g(0.02, initial_lr=[0.05]),
          kwargs={"lr_lambda": "1 / sqrt(max(epoch, 1))", "last_epoch": 10}),
        C("warmup then cosine", "LambdaLR", g(0.3),
          kwargs={"lr_lambda": "min(1, (epoch + 1) / 10) * 0.5 * (1 + cos(pi * epoch / 300))"}),
    ],
    "multiplicative_lr": [
        C("constant factor", "MultiplicativeLR", g(0.1), kwargs={"lr_lambda": "0.95"}),
        C("two groups", "MultiplicativeLR", g(0.1, 0.5),
          kwargs={"lr_lambda": ["0.99", "max(0.9, 1 - epoch / 1000)"]}),
        C("resume", "MultiplicativeLR", g(0.07, initial_lr=[0.1]),
          kwargs={"lr_lambda": "0.98", "last_epoch": 4}),
    ],
    "step_lr": [
        C("30 / 0.1", "StepLR", g(0.05), kwargs={"step_size": 30, "gamma": 0.1}),
        C("every step, gamma 0.5", "StepLR", g(0.1), kwargs={"step_size": 1, "gamma": 0.5}),
        C("two groups", "StepLR", g(0.1, 0.03), kwargs={"step_size": 7, "gamma": 0.9}),
        C("resume at last_epoch 5", "StepLR", g(0.01, initial_lr=[0.1]),
          kwargs={"step_size": 3, "gamma": 0.7, "last_epoch": 5}),
        C("step(epoch) closed form", "StepLR", g(0.1), kwargs={"step_size": 10, "gamma": 0.9},
          epochs=EPOCH_JUMPS),
    ],
    "multi_step_lr": [
        C("30, 80", "MultiStepLR", g(0.05), kwargs={"milestones": [30, 80], "gamma": 0.1}),
        C("repeated milestones", "MultiStepLR", g(0.1),
          kwargs={"milestones": [10, 10, 20, 20, 20, 150], "gamma": 0.5}),
        C("two groups", "MultiStepLR", g(0.1, 0.2), kwargs={"milestones": [5, 100, 250], "gamma": 0.3}),
        C("step(epoch) closed form", "MultiStepLR", g(0.1),
          kwargs={"milestones": [5, 30, 30, 100], "gamma": 0.5}, epochs=EPOCH_JUMPS),
    ],
    "constant_lr": [
        C("defaults", "ConstantLR", g(0.1)),
        C("factor 0.5 for 4", "ConstantLR", g(0.05), kwargs={"factor": 0.5, "total_iters": 4}),
        C("two groups, factor 0.3 for 100", "ConstantLR", g(0.1, 0.7),
          kwargs={"factor": 0.3, "total_iters": 100}),
        C("step(epoch)", "ConstantLR", g(0.1), kwargs={"factor": 0.25, "total_iters": 7},
          epochs=EPOCH_JUMPS),
    ],
    "linear_lr": [
        C("defaults", "LinearLR", g(0.1)),
        C("start 0.5 for 4", "LinearLR", g(0.05), kwargs={"start_factor": 0.5, "total_iters": 4}),
        C("decay 1 to 0.1 over 100", "LinearLR", g(0.1, 0.01),
          kwargs={"start_factor": 1.0, "end_factor": 0.1, "total_iters": 100}),
        C("total_iters 1", "LinearLR", g(0.1), kwargs={"start_factor": 0.1, "total_iters": 1}),
        C("warmup over 250", "LinearLR", g(0.3), kwargs={"start_factor": 0.001, "total_iters": 250}),
    ],
    "exponential_lr": [
        C("0.99", "ExponentialLR", g(0.1), kwargs={"gamma": 0.99}),
        C("two groups 0.9", "ExponentialLR", g(0.1, 1.0), kwargs={"gamma": 0.9}),
        C("resume", "ExponentialLR", g(0.05, initial_lr=[0.1]), kwargs={"gamma": 0.95, "last_epoch": 3}),
        C("step(epoch)", "ExponentialLR", g(0.1), kwargs={"gamma": 0.98}, epochs=EPOCH_JUMPS),
    ],
    "polynomial_lr": [
        C("defaults", "PolynomialLR", g(0.001)),
        C("power 2 over 100", "PolynomialLR", g(0.1, 0.02), kwargs={"total_iters": 100, "power": 2.0}),
        C("power 0.5 over 300", "PolynomialLR", g(0.1), kwargs={"total_iters": 300, "power": 0.5}),
        C("linear over 299", "PolynomialLR", g(0.1), kwargs={"total_iters": 299, "power": 1.0}),
        C("step(epoch)", "PolynomialLR", g(0.1), kwargs={"total_iters": 150, "power": 3.0},
          epochs=EPOCH_JUMPS),
    ],
    "cosine_annealing_lr": [
        C("T_max 100, past the end", "CosineAnnealingLR", g(0.1), kwargs={"T_max": 100}),
        C("T_max 1", "CosineAnnealingLR", g(0.1), kwargs={"T_max": 1, "eta_min": 0.01}),
        C("two groups, eta_min", "CosineAnnealingLR", g(0.1, 0.05), kwargs={"T_max": 50, "eta_min": 0.001}),
        C("T_max 300", "CosineAnnealingLR", g(0.3), kwargs={"T_max": 300}),
        C("resume at last_epoch 10", "CosineAnnealingLR", g(0.05, initial_lr=[0.1]),
          kwargs={"T_max": 40, "eta_min": 0.0, "last_epoch": 10}),
        C("step(epoch)", "CosineAnnealingLR", g(0.1), kwargs={"T_max": 77, "eta_min": 0.002},
          epochs=EPOCH_JUMPS),
    ],
    "chained_scheduler": [
        C("constant then exponential", "ChainedScheduler", g(1.0),
          children=[{"scheduler": "ConstantLR", "kwargs": {"factor": 0.1, "total_iters": 2}},
                    {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}]),
        C("linear warmup and cosine, two groups", "ChainedScheduler", g(0.1, 0.3),
          children=[{"scheduler": "LinearLR", "kwargs": {"start_factor": 0.1, "total_iters": 10}},
                    {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": 100}},
                    {"scheduler": "StepLR", "kwargs": {"step_size": 50, "gamma": 0.5}}]),
    ],
    "sequential_lr": [
        C("constant then exponential", "SequentialLR", g(1.0), kwargs={"milestones": [2]},
          children=[{"scheduler": "ConstantLR", "kwargs": {"factor": 0.1, "total_iters": 2}},
                    {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.99}}]),
        C("warmup then cosine", "SequentialLR", g(0.1, 0.02), kwargs={"milestones": [10]},
          children=[{"scheduler": "LinearLR", "kwargs": {"start_factor": 0.01, "total_iters": 10}},
                    {"scheduler": "CosineAnnealingLR", "kwargs": {"T_max": 290}}]),
        C("warmup, stable, decay", "SequentialLR", g(0.1), kwargs={"milestones": [20, 200]},
          children=[{"scheduler": "LinearLR", "kwargs": {"start_factor": 0.05, "total_iters": 20}},
                    {"scheduler": "ConstantLR", "kwargs": {"factor": 1.0, "total_iters": 0}},
                    {"scheduler": "LinearLR",
                     "kwargs": {"start_factor": 1.0, "end_factor": 0.01, "total_iters": 100}}]),
        C("warmup then step", "SequentialLR", g(0.1), kwargs={"milestones": [5]},
          children=[{"scheduler": "LinearLR", "kwargs": {"start_factor": 0.2, "total_iters": 5}},
                    {"scheduler": "StepLR", "kwargs": {"step_size": 60, "gamma": 0.5}}]),
        C("lambda then multistep", "SequentialLR", g(0.1), kwargs={"milestones": [50]},
          children=[{"scheduler": "LambdaLR", "kwargs": {"lr_lambda": "(epoch + 1) / 50"}},
                    {"scheduler": "MultiStepLR", "kwargs": {"milestones": [50, 100], "gamma": 0.1}}]),
    ],
    "reduce_lr_on_plateau": [
        C("min, rel, defaults", "ReduceLROnPlateau", g(0.1), metrics=noisy(1, 300, "min")),
        C("max, abs, cooldown", "ReduceLROnPlateau", g(0.1),
          kwargs={"mode": "max", "threshold_mode": "abs", "threshold": 0.01, "patience": 3,
                  "cooldown": 5, "factor": 0.5},
          metrics=noisy(2, 300, "max")),
        C("min, abs, two groups, per-group min_lr", "ReduceLROnPlateau", g(0.1, 0.01),
          kwargs={"threshold_mode": "abs", "threshold": 0.001, "patience": 2, "factor": 0.5,
                  "min_lr": [0.001, 0.0001]},
          metrics=noisy(3, 300, "min", noise=0.1, digits=2)),
        C("max, rel, eps", "ReduceLROnPlateau", g(0.1),
          kwargs={"mode": "max", "patience": 1, "factor": 0.7, "eps": 0.001, "threshold": 0.05},
          metrics=noisy(4, 300, "max", step=0.05)),
        C("min, scalar min_lr, cooldown 2", "ReduceLROnPlateau", g(1.0, 0.5),
          kwargs={"patience": 0, "cooldown": 2, "factor": 0.9, "min_lr": 0.05},
          metrics=noisy(5, 300, "min", noise=0.2, digits=1)),
    ],
    "cyclic_lr": [
        C("triangular", "CyclicLR", g(0.1),
          kwargs={"base_lr": 0.001, "max_lr": 0.006, "step_size_up": 20}),
        C("triangular2, asymmetric", "CyclicLR", g(0.1),
          kwargs={"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 10, "step_size_down": 30,
                  "mode": "triangular2"}),
        C("exp_range", "CyclicLR", g(0.1),
          kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 25, "mode": "exp_range",
                  "gamma": 0.99}),
        C("custom scale_fn, cycle", "CyclicLR", g(0.1),
          kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 15, "scale_fn": "0.5 ** (x - 1)"}),
        C("custom scale_fn, iterations", "CyclicLR", g(0.1),
          kwargs={"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 15, "scale_fn": "1 / (1 + x / 100)",
                  "scale_mode": "iterations"}),
        C("two groups, per-group bounds and momenta", "CyclicLR", g(0.1, 0.2),
          kwargs={"base_lr": [0.001, 0.002], "max_lr": [0.01, 0.05], "step_size_up": 13,
                  "base_momentum": [0.8, 0.85], "max_momentum": [0.9, 0.95]}),
        C("no momentum cycling", "CyclicLR", g(0.1),
          kwargs={"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 7, "cycle_momentum": False}),
    ],
    "one_cycle_lr": [
        C("cos, 300 total", "OneCycleLR", g(0.1), kwargs={"max_lr": 0.1, "total_steps": 300}),
        C("linear", "OneCycleLR", g(0.1),
          kwargs={"max_lr": 1.0, "total_steps": 301, "anneal_strategy": "linear"}),
        C("three phase", "OneCycleLR", g(0.1),
          kwargs={"max_lr": 0.5, "total_steps": 300, "three_phase": True, "pct_start": 0.25,
                  "div_factor": 10.0, "final_div_factor": 100.0}),
        C("epochs x steps_per_epoch, two groups", "OneCycleLR", g(0.1, 0.2),
          kwargs={"max_lr": [0.1, 0.01], "epochs": 10, "steps_per_epoch": 30,
                  "base_momentum": [0.8, 0.85], "max_momentum": [0.9, 0.99]}),
        C("Adam beta1 cycling", "OneCycleLR", g(0.001), optimizer="adam",
          kwargs={"max_lr": 0.01, "total_steps": 300}),
        C("no momentum cycling", "OneCycleLR", g(0.1),
          kwargs={"max_lr": 0.1, "total_steps": 300, "cycle_momentum": False, "pct_start": 0.1}),
        C("stepping past the end", "OneCycleLR", g(0.1), kwargs={"max_lr": 0.1, "total_steps": 100},
          state_at=[3, 50]),
    ],
    "cosine_annealing_warm_restarts": [
        C("T_0 10", "CosineAnnealingWarmRestarts", g(0.1), kwargs={"T_0": 10}),
        C("T_0 10, T_mult 2, eta_min", "CosineAnnealingWarmRestarts", g(0.1, 0.05),
          kwargs={"T_0": 10, "T_mult": 2, "eta_min": 0.0001}),
        C("T_0 1", "CosineAnnealingWarmRestarts", g(0.1), kwargs={"T_0": 1}),
        C("fractional epochs", "CosineAnnealingWarmRestarts", g(0.1),
          kwargs={"T_0": 3, "T_mult": 2}, epochs=[e + i / 10 for e in range(30) for i in range(10)]),
        C("fractional epochs, T_mult 1", "CosineAnnealingWarmRestarts", g(0.1),
          kwargs={"T_0": 4, "eta_min": 0.01}, epochs=[e + i / 7 for e in range(43) for i in range(7)]),
        C("resume at last_epoch 5", "CosineAnnealingWarmRestarts", g(0.05, initial_lr=[0.1]),
          kwargs={"T_0": 7, "T_mult": 3, "last_epoch": 5}),
    ],
    "swalr": [
        C("cos, 10 epochs", "SWALR", g(0.1), kwargs={"swa_lr": 0.05}),
        C("linear, 5 epochs", "SWALR", g(0.1),
          kwargs={"swa_lr": 0.01, "anneal_epochs": 5, "anneal_strategy": "linear"}),
        C("no annealing", "SWALR", g(0.1), kwargs={"swa_lr": 0.02, "anneal_epochs": 0}),
        C("two groups, per-group swa_lr", "SWALR", g(0.1, 0.3),
          kwargs={"swa_lr": [0.05, 0.2], "anneal_epochs": 200}),
    ],
}


E = lambda name, scheduler, kwargs, groups=None, **kw: dict(
    {"name": name, "scheduler": scheduler, "kwargs": kwargs, "groups": groups or g(0.1)}, **kw)

ERRORS = [
    E("resume without initial_lr", "StepLR", {"step_size": 3, "last_epoch": 4}),
    E("step size 0 fails at the first step", "StepLR", {"step_size": 0}),
    E("LambdaLR with too few lambdas", "LambdaLR", {"lr_lambda": ["0.9"]}, g(0.1, 0.2)),
    E("ConstantLR factor above 1", "ConstantLR", {"factor": 1.5}),
    E("ConstantLR factor below 0", "ConstantLR", {"factor": -0.1}),
    E("LinearLR start factor above 1", "LinearLR", {"start_factor": 1.1}),
    E("LinearLR end factor below 0", "LinearLR", {"end_factor": -1.0}),
    E("ReduceLROnPlateau factor 1", "ReduceLROnPlateau", {"factor": 1.0}),
    E("ReduceLROnPlateau unknown mode", "ReduceLROnPlateau", {"mode": "median"}),
    E("ReduceLROnPlateau unknown threshold mode", "ReduceLROnPlateau", {"threshold_mode": "pct"}),
    E("ReduceLROnPlateau min_lr length", "ReduceLROnPlateau", {"min_lr": [0.1, 0.2, 0.3]}, g(0.1, 0.2)),
    E("CyclicLR unknown mode", "CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "mode": "sawtooth"}),
    E("CyclicLR base_lr length", "CyclicLR", {"base_lr": [0.01, 0.02], "max_lr": 0.1}),
    E("CyclicLR cycling an optimizer without momentum", "CyclicLR", {"base_lr": 0.01, "max_lr": 0.1},
      optimizer="adagrad"),
    E("OneCycleLR without total steps", "OneCycleLR", {"max_lr": 0.1}),
    E("OneCycleLR total_steps 0", "OneCycleLR", {"max_lr": 0.1, "total_steps": 0}),
    E("OneCycleLR epochs -1", "OneCycleLR", {"max_lr": 0.1, "epochs": -1, "steps_per_epoch": 10}),
    E("OneCycleLR steps_per_epoch 0", "OneCycleLR", {"max_lr": 0.1, "epochs": 3, "steps_per_epoch": 0}),
    E("OneCycleLR pct_start 1.5", "OneCycleLR", {"max_lr": 0.1, "total_steps": 10, "pct_start": 1.5}),
    E("OneCycleLR unknown anneal strategy", "OneCycleLR",
      {"max_lr": 0.1, "total_steps": 10, "anneal_strategy": "exp"}),
    E("OneCycleLR max_lr length", "OneCycleLR", {"max_lr": [0.1, 0.2, 0.3], "total_steps": 10}),
    E("OneCycleLR cycling an optimizer without momentum", "OneCycleLR",
      {"max_lr": 0.1, "total_steps": 10}, optimizer="adagrad"),
    E("CosineAnnealingWarmRestarts T_0 -1", "CosineAnnealingWarmRestarts", {"T_0": -1}),
    E("CosineAnnealingWarmRestarts T_0 0", "CosineAnnealingWarmRestarts", {"T_0": 0}),
    E("CosineAnnealingWarmRestarts T_mult 0", "CosineAnnealingWarmRestarts", {"T_0": 5, "T_mult": 0}),
    E("CosineAnnealingWarmRestarts negative epoch", "CosineAnnealingWarmRestarts", {"T_0": 5}, epoch=-1),
    E("SWALR unknown anneal strategy", "SWALR", {"swa_lr": 0.05, "anneal_strategy": "exp"}),
    E("SWALR negative anneal_epochs", "SWALR", {"swa_lr": 0.05, "anneal_epochs": -1}),
    E("SWALR swa_lr length", "SWALR", {"swa_lr": [0.05, 0.01]}),
    E("SequentialLR milestone count", "SequentialLR", {"milestones": [2, 4]},
      children=[{"scheduler": "ConstantLR"}, {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}]),
    E("SequentialLR scheduler bound to another optimizer", "SequentialLR", {"milestones": [2]},
      children=[{"scheduler": "ConstantLR"}, {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}],
      other_optimizer_child=1),
    E("ChainedScheduler schedulers bound to two optimizers", "ChainedScheduler", {},
      children=[{"scheduler": "ConstantLR"}, {"scheduler": "ExponentialLR", "kwargs": {"gamma": 0.9}}],
      other_optimizer_child=1),
]


def run_error(case):
    kind = case.get("optimizer", "sgd")
    opt = make_optimizer(kind, case["groups"])
    record = dict(case)
    record["optimizer"] = kind
    try:
        name = case["scheduler"]
        if "children" in case:
            children = []
            for i, c in enumerate(case["children"]):
                o = make_optimizer(kind, case["groups"]) if case.get("other_optimizer_child") == i else opt
                children.append(build(c, o))
            if name == "SequentialLR":
                sched = L.SequentialLR(opt, children, **case["kwargs"])
            else:
                sched = L.ChainedScheduler(children)
        else:
            sched = build(case, opt)
        record["at"] = "step"
        opt.step()
        if "epoch" in case:
            sched.step(case["epoch"])
        else:
            sched.step()
    except (ValueError, KeyError, ZeroDivisionError, TypeError) as e:
        record.setdefault("at", "construct")
        record["type"] = type(e).__name__
        record["message"] = e.args[0]
        return record
    raise AssertionError("expected an error: " + case["name"])


def main():
    for name, cases in CASES.items():
        write_fixture("lr-scheduler", name, {"cases": [run_case(c) for c in cases]})
    write_fixture("lr-scheduler", "errors", {"cases": [run_error(c) for c in ERRORS]})


main()
