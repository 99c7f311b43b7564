"""PyTorch checkpoints for @kindling/serialize's reading tests.

Writes small .pt files with torch.save (module, optimizer, scheduler and generator state, every
dtype, views sharing a storage, non-contiguous tensors, floats that are integral, big ints, sets and
bytes as protocol 2 writes them, a protocol-4 pickle) into packages/serialize/fixtures/, and `pt_expected.json` describing what each
holds: every value with its Python type (int vs float, tuple vs list, dict vs OrderedDict), every
tensor with dtype, shape, stride, storage offset, storage key and values.
"""
import json
import os
from collections import OrderedDict

import torch
from fixtures import ROOT, write_fixture

FOLDER = os.path.join(ROOT, "packages", "serialize", "fixtures")


def describe(value, storages):
    if isinstance(value, torch.Tensor):
        storage = value.untyped_storage() if hasattr(value, "untyped_storage") else value.storage().untyped()
        key = storages.setdefault(storage.data_ptr(), len(storages))
        return {
            "type": "tensor",
            "dtype": str(value.dtype).replace("torch.", ""),
            "shape": list(value.shape),
            "stride": list(value.stride()),
            "offset": value.storage_offset(),
            "storage": key,
            "requires_grad": value.requires_grad,
            "values": value.detach().float().tolist() if value.dtype in (torch.float16, torch.bfloat16) else value.detach().tolist(),
        }
    if isinstance(value, (set, frozenset)):
        # Kindling reads both as a JS Set; items sorted, as Python's set order is not stable.
        return {"type": "set", "items": sorted((describe(v, storages) for v in value), key=json.dumps)}
    if isinstance(value, (bytes, bytearray)):
        return {"type": "bytes", "hex": value.hex()}
    if isinstance(value, OrderedDict):
        meta = getattr(value, "_metadata", None)
        return {
            "type": "OrderedDict",
            "items": [[describe(k, storages), describe(v, storages)] for k, v in value.items()],
            "metadata": None if meta is None else describe(meta, storages),
        }
    if isinstance(value, dict):
        return {"type": "dict", "items": [[describe(k, storages), describe(v, storages)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"type": "tuple", "items": [describe(v, storages) for v in value]}
    if isinstance(value, list):
        return {"type": "list", "items": [describe(v, storages) for v in value]}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": str(value)}
    if isinstance(value, float):
        return {"type": "float", "value": value}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if value is None:
        return {"type": "None"}
    raise TypeError(type(value))


def cases():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
    sgd = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    lambda_lr = torch.optim.lr_scheduler.LambdaLR(sgd, lambda epoch: 0.95**epoch)
    for _ in range(3):
        sgd.zero_grad()
        net(torch.randn(4, 3)).pow(2).sum().backward()
        sgd.step()
        lambda_lr.step()
    adam_net = torch.nn.Linear(2, 2)
    adam = torch.optim.Adam(adam_net.parameters(), lr=1e-3)
    step_lr = torch.optim.lr_scheduler.StepLR(adam, step_size=2, gamma=0.5)
    for _ in range(2):
        adam.zero_grad()
        adam_net(torch.randn(3, 2)).sum().backward()
        adam.step()
        step_lr.step()
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    dtypes = {
        str(d).replace("torch.", ""): torch.tensor([1, 0, 3], dtype=d) if d != torch.bool else torch.tensor([True, False, True])
        for d in [torch.float64, torch.float32, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]
    }
    return {
        "module": (net.state_dict(), 2),
        "sgd": (sgd.state_dict(), 2),
        "lambda_lr": (lambda_lr.state_dict(), 2),
        "adam": (adam.state_dict(), 2),
        "step_lr": (step_lr.state_dict(), 2),
        "rng": (torch.get_rng_state(), 2),
        "half": ({"f16": torch.tensor([1.5, -0.0, 65504.0, 6e-8]).half(), "bf16": torch.tensor([1.5, -2.0, 3e38]).bfloat16()}, 2),
        "views": ([base, base[1], base.t(), base[:, 1::2], base.reshape(-1)[5:]], 2),
        "dtypes": (dtypes, 2),
        "misc": (
            {"a": 1.5, "one": 1.0, "big": 2**70, "neg": -(2**40), "minus3": -3, "pair": (1, 2.0), "s": "é€", "none": None,
             "yes": True, "list": [1, [2, (3,)]], 5: "int key", "nan": float("nan"), "inf": float("-inf")},
            2,
        ),
        "params": (list(adam_net.parameters()), 2),
        "protocol4": ({"w": base, "lr": 0.5, "names": ["x", "y"]}, 4),
        "sets_bytes": (
            {"tags": {"a", "b"}, "frozen": frozenset([1, 2]), "none": set(), "blob": b"\x00\x01\xff", "empty": b"",
             "array": bytearray(b"\x00\x80"), "pairs": {(1, "x"), (2, "y")}},
            2,
        ),
    }


def main():
    os.makedirs(FOLDER, exist_ok=True)
    expected = {}
    for name, (value, protocol) in cases().items():
        path = os.path.join(FOLDER, name + ".pt")
        torch.save(value, path, pickle_protocol=protocol)
        print("  wrote", os.path.relpath(path, ROOT))
        expected[name] = describe(torch.load(path), {})
    write_fixture("serialize", "pt_expected", expected)


main()
