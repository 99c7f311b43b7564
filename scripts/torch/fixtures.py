"""Shared helpers for the fixture generators: deterministic torch settings and exact JSON output.

Floats are written with Python's shortest round-trip repr, so a float32 or float64 value read back
in JavaScript is the same double bit for bit. NaN and infinities, which JSON lacks, are written as
the strings "NaN", "Infinity" and "-Infinity".
"""
import json
import math
import os

import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))

torch.set_num_threads(1)


def _clean(value):
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, torch.Tensor):
        return _clean(value.tolist())
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def write_fixture(package, name, data):
    """Writes data as packages/<package>/fixtures/<name>.json, with torch's version recorded."""
    folder = os.path.join(ROOT, "packages", package, "fixtures")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".json")
    payload = {"torch_version": torch.__version__, "generator": "scripts/torch", "data": _clean(data)}
    with open(path, "w") as handle:
        json.dump(payload, handle, separators=(",", ":"))
        handle.write("\n")
    print("  wrote", os.path.relpath(path, ROOT))


def _node_name(fn):
    return None if fn is None else type(fn).__name__


def describe_grad_fn(t):
    """A tensor's grad_fn name and its next functions' names (None where there is no node)."""
    fn = t.grad_fn
    if fn is None:
        return {"name": None, "next": None}
    return {"name": _node_name(fn), "next": [_node_name(f) for f, _ in fn.next_functions]}
