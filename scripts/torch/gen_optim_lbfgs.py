"""Reference runs of torch.optim.LBFGS for @kindling/optim.

The problem is gen_optim.py's two parameters (a 3x4 matrix and a 4-vector) with a quartic loss,
sum(c/4 * p^4 + d * p), so that the line search has work to do. The closure sets the gradient
explicitly as `(p * p * p) * c + d` and returns the loss, the elements of
`((p * p) * (p * p)) * c4 + d * p` of both parameters added one by one (not `.sum()`, whose float32
order is PyTorch's vectorized cascade), float ops the TypeScript side repeats bit for bit. Records the loss
each `step()` returns, the parameters after it, the closure's call count, and the state dict after
the last step (the resume test loads the state dict after step RESUME_AT and checks the rest).
"""
import copy

import torch
from fixtures import write_fixture

STEPS = 6
RESUME_AT = 3

CASES = [
    ("default", {}),
    ("short_history", {"lr": 0.5, "max_iter": 4, "history_size": 2}),
    ("strong_wolfe", {"max_iter": 6, "line_search_fn": "strong_wolfe"}),
    ("strong_wolfe_history", {"lr": 0.8, "max_iter": 5, "history_size": 3, "line_search_fn": "strong_wolfe"}),
    ("tolerances", {"max_iter": 10, "max_eval": 7, "tolerance_grad": 1e-3, "tolerance_change": 1e-4}),
]


def problem(dtype):
    g = torch.Generator().manual_seed(7)
    params = [torch.randn(3, 4, generator=g, dtype=dtype), torch.randn(4, generator=g, dtype=dtype)]
    cs = [torch.rand(3, 4, generator=g, dtype=dtype) + 0.5, torch.rand(4, generator=g, dtype=dtype) + 0.5]
    ds = [torch.randn(3, 4, generator=g, dtype=dtype), torch.randn(4, generator=g, dtype=dtype)]
    return params, cs, ds


def run(options, params, cs, ds, steps, state=None):
    ps = [torch.nn.Parameter(p.clone()) for p in params]
    c4s = [c * 0.25 for c in cs]
    opt = torch.optim.LBFGS(ps, **options)
    if state is not None:
        opt.load_state_dict(state)
    calls = [0]

    def closure():
        calls[0] += 1
        loss = None
        with torch.no_grad():
            for p, c, c4, d in zip(ps, cs, c4s, ds):
                p.grad = (p * p * p) * c + d
                for x in (((p * p) * (p * p)) * c4 + d * p).flatten():
                    loss = x if loss is None else loss + x
        return loss

    record = []
    saved = None
    for step in range(1, steps + 1):
        loss = opt.step(closure)
        record.append({
            "loss": loss.item(),
            "params": [p.detach().flatten().tolist() for p in ps],
            "calls": calls[0],
        })
        if step == RESUME_AT:
            saved = copy.deepcopy(opt.state_dict())
    return opt, record, saved


def encode(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": v.flatten().tolist(), "shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")}
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, float):
        return {"float": v}
    return v


def encode_state_dict(sd):
    return {
        "state": [[k, [[name, encode(v)] for name, v in s.items()]] for k, s in sd["state"].items()],
        "param_groups": [[[k, encode(v)] for k, v in group.items()] for group in sd["param_groups"]],
    }


cases = []
for dtype in (torch.float32, torch.float64):
    params, cs, ds = problem(dtype)
    for label, options in CASES:
        opt, record, saved = run(options, params, cs, ds, STEPS)
        start = [torch.tensor(record[RESUME_AT - 1]["params"][i], dtype=dtype).reshape(p.shape) for i, p in enumerate(params)]
        _, resumed, _ = run(options, start, cs, ds, STEPS - RESUME_AT, state=copy.deepcopy(saved))
        assert [r["params"] for r in resumed] == [r["params"] for r in record[RESUME_AT:]], label
        cases.append({
            "label": label,
            "dtype": str(dtype).replace("torch.", ""),
            "options": options,
            "params": [p.flatten().tolist() for p in params],
            "shapes": [list(p.shape) for p in params],
            "c": [c.flatten().tolist() for c in cs],
            "d": [d.flatten().tolist() for d in ds],
            "steps": record,
            "state_dict": encode_state_dict(opt.state_dict()),
            "state_dict_at_resume": encode_state_dict(saved),
        })

write_fixture("optim", "lbfgs", cases)
