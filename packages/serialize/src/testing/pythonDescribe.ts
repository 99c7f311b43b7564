/** Python source of gen_serialize.py's `describe`, for live tests (same output as `describeValue`). */
export const PYTHON_DESCRIBE = `
import json, math, sys
from collections import OrderedDict
import torch

def clean(x):
    if isinstance(x, float):
        if math.isnan(x): return "NaN"
        if math.isinf(x): return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, list): return [clean(v) for v in x]
    return x

def describe(value, storages):
    if isinstance(value, torch.Tensor):
        storage = value.untyped_storage() if hasattr(value, "untyped_storage") else value.storage().untyped()
        key = storages.setdefault(storage.data_ptr(), len(storages))
        return {"type": "tensor", "dtype": str(value.dtype).replace("torch.", ""), "shape": list(value.shape),
                "stride": list(value.stride()), "offset": value.storage_offset(), "storage": key,
                "requires_grad": value.requires_grad, "values": clean(value.detach().float().tolist()
                if value.dtype in (torch.float16, torch.bfloat16) else value.detach().tolist())}
    if isinstance(value, (set, frozenset)):
        return {"type": "set", "items": sorted((describe(v, storages) for v in value), key=json.dumps)}
    if isinstance(value, (bytes, bytearray)): return {"type": "bytes", "hex": value.hex()}
    if isinstance(value, OrderedDict):
        meta = getattr(value, "_metadata", None)
        return {"type": "OrderedDict", "items": [[describe(k, storages), describe(v, storages)] for k, v in value.items()],
                "metadata": None if meta is None else describe(meta, storages)}
    if isinstance(value, dict):
        return {"type": "dict", "items": [[describe(k, storages), describe(v, storages)] for k, v in value.items()]}
    if isinstance(value, tuple): return {"type": "tuple", "items": [describe(v, storages) for v in value]}
    if isinstance(value, list): return {"type": "list", "items": [describe(v, storages) for v in value]}
    if isinstance(value, bool): return {"type": "bool", "value": value}
    if isinstance(value, int): return {"type": "int", "value": str(value)}
    if isinstance(value, float): return {"type": "float", "value": clean(value)}
    if isinstance(value, str): return {"type": "str", "value": value}
    if value is None: return {"type": "None"}
    raise TypeError(type(value))

def try_load(path, **kwargs):
    try:
        return torch.load(path, **kwargs), None
    except Exception as error:
        return None, str(error)
`;
