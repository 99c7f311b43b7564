"""Saved-tensor version checks and version counters, from PyTorch, for @kindling/tensor's autograd.

Writes packages/tensor/fixtures/versions.json, read by packages/tensor/src/parity/versions.parity.test.ts.
Each case is an id mapped to what PyTorch does when the TypeScript test's function of the same id
runs: the error raised (and its kind: "version" for a saved tensor modified in place, "freed" for a
second backward through a freed graph, "other" for anything else) or, without error, the gradients
of the leaves and/or the `_version` of some tensors.

  saved/<op>/modify-<operand|out>[/<operand>-const]   in-place change of an operand or of the output
                                                      between forward and backward (operands are
                                                      non-leaves, or constants where named)
  how/...                                             ways of modifying: no_grad, detach, views,
                                                      optimizer-like steps on leaves, dtypes, shapes
  version/...                                         `_version` after sequences of in-place ops
  twice/<op>[/<operand>-const]                        a second backward without retain_graph

The inputs are small literals stored in the fixture (`inputs`), so both sides use the same values.
"""
import torch

from fixtures import write_fixture

torch.manual_seed(0)

INPUTS = {
    "X23": [[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]],
    "W23": [[1.25, 0.5, -0.75], [-1.5, 2.5, 0.25]],
    "P23": [[0.5, 1.25, 2.0], [1.5, 0.75, 3.0]],
    "X13": [[0.5, -1.25, 2.0]],
    "X3": [0.5, -1.25, 2.0],
    "W3": [1.25, 0.5, -0.75],
    "V3": [1.0, -0.5, 2.0],
    "M32": [[0.5, -1.0], [1.5, 2.0], [-0.25, 0.75]],
    "S22": [[0.25, -1.5], [2.0, 0.5]],
    "B223": [[[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]], [[-0.25, 1.0, 0.5], [2.0, -1.5, 1.25]]],
    "B232": [[[0.5, -1.0], [1.5, 2.0], [-0.25, 0.75]], [[1.0, 0.25], [-0.5, 1.5], [2.0, -1.0]]],
    "G2": [1.5, -0.5],
    "G3": [1.5, 0.5, 2.0],
    "H3": [0.25, -0.5, 1.0],
    "COND23": [[True, False, True], [False, True, False]],
    "IDX2": [2, 0],
    "IDX22": [[0, 2], [1, 0]],
    "SCALAR": 0.5,
}

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def inp(key, dtype="float32", requires_grad=False):
    return torch.tensor(INPUTS[key], dtype=DTYPES[dtype], requires_grad=requires_grad)


# Ops: name -> (float operands as (role, input key), aux operands as (role, input key, dtype, fill
# value used to modify it), fn(**operands) -> output). Keep in step with OPS in the test.
OPS = {}


def op(name, operands, fn, aux=()):
    OPS[name] = (operands, aux, fn)


A = [("a", "X23")]
AP = [("a", "P23")]
op("neg", A, lambda a: -a)
op("abs", A, lambda a: a.abs())
op("exp", A, lambda a: a.exp())
op("expm1", A, lambda a: a.expm1())
op("log", AP, lambda a: a.log())
op("log1p", AP, lambda a: a.log1p())
op("sqrt", AP, lambda a: a.sqrt())
op("rsqrt", AP, lambda a: a.rsqrt())
op("reciprocal", A, lambda a: a.reciprocal())
op("tanh", A, lambda a: a.tanh())
op("sigmoid", A, lambda a: a.sigmoid())
op("relu", A, lambda a: a.relu())
op("sin", A, lambda a: a.sin())
op("cos", A, lambda a: a.cos())
op("square", A, lambda a: a.square())
op("sign", A, lambda a: a.sign())
op("floor", A, lambda a: a.floor())
op("ceil", A, lambda a: a.ceil())
op("round", A, lambda a: a.round())
op("trunc", A, lambda a: a.trunc())
op("clamp", A, lambda a: a.clamp(-1, 1))
op("clamp-min", A, lambda a: a.clamp(min=0))
op("pow-scalar", A, lambda a: a ** 3)
op("pow-half", AP, lambda a: a ** 0.5)
op("pow-scalar-base", A, lambda a: torch.pow(2.0, a))
op("add-scalar", A, lambda a: a + 2)
op("sub-scalar", A, lambda a: a - 2)
op("rsub-scalar", A, lambda a: 2 - a)
op("mul-scalar", A, lambda a: a * 2)
op("div-scalar", A, lambda a: a / 2)
op("rdiv-scalar", A, lambda a: 2 / a)
op("sum", A, lambda a: a.sum())
op("sum-dim", A, lambda a: a.sum(1))
op("mean", A, lambda a: a.mean())
op("mean-dim", A, lambda a: a.mean(1))
op("var", A, lambda a: a.var())
op("var-dim", A, lambda a: a.var(1))
op("std", A, lambda a: a.std())
op("std-dim", A, lambda a: a.std(1))
op("prod", A, lambda a: a.prod())
op("prod-dim", A, lambda a: a.prod(1))
op("max", A, lambda a: a.max())
op("max-dim", A, lambda a: a.max(1).values)
op("min", A, lambda a: a.min())
op("min-dim", A, lambda a: a.min(1).values)
op("amax", A, lambda a: a.amax(1))
op("amax-all", A, lambda a: a.amax())
op("logsumexp", A, lambda a: a.logsumexp(1))
op("softmax", A, lambda a: a.softmax(1))
op("log-softmax", A, lambda a: a.log_softmax(1))
op("view", A, lambda a: a.view(3, 2))
op("reshape", A, lambda a: a.reshape(6))
op("flatten", A, lambda a: a.flatten())
op("expand", [("a", "X13")], lambda a: a.expand(2, 3))
op("transpose", A, lambda a: a.transpose(0, 1))
op("t", A, lambda a: a.t())
op("permute", A, lambda a: a.permute(1, 0))
op("squeeze", [("a", "X13")], lambda a: a.squeeze())
op("squeeze-dim", [("a", "X13")], lambda a: a.squeeze(0))
op("unsqueeze", A, lambda a: a.unsqueeze(0))
op("narrow", A, lambda a: a.narrow(1, 0, 2))
op("slice", A, lambda a: a[:, 1:3])
op("select", A, lambda a: a[1])
op("clone", A, lambda a: a.clone())
op("to-float64", A, lambda a: a.to(torch.float64))
op("masked-fill", A, lambda a, mask: a.masked_fill(mask, 0.25), aux=[("mask", "COND23", "bool", False)])
op("index-select", A, lambda a, index: a.index_select(1, index), aux=[("index", "IDX2", "int64", 0)])
op("gather", A, lambda a, index: a.gather(1, index), aux=[("index", "IDX22", "int64", 0)])
op("scatter-scalar", A, lambda a, index: a.scatter(1, index, 0.25), aux=[("index", "IDX22", "int64", 0)])
B = [("a", "X23"), ("b", "W23")]
op("add", B, lambda a, b: a + b)
op("add-alpha", B, lambda a, b: a.add(b, alpha=2))
op("sub", B, lambda a, b: a - b)
op("mul", B, lambda a, b: a * b)
op("div", [("a", "X23"), ("b", "P23")], lambda a, b: a / b)
op("pow", [("a", "P23"), ("b", "W23")], lambda a, b: a ** b)
op("maximum", B, lambda a, b: torch.maximum(a, b))
op("minimum", B, lambda a, b: torch.minimum(a, b))
op("where", B, lambda a, b, cond: torch.where(cond, a, b), aux=[("cond", "COND23", "bool", True)])
op("matmul-2d-2d", [("a", "X23"), ("b", "M32")], lambda a, b: a @ b)
op("matmul-2d-1d", [("a", "X23"), ("b", "V3")], lambda a, b: a @ b)
op("mm", [("a", "X23"), ("b", "M32")], lambda a, b: a.mm(b))
op("bmm", [("a", "B223"), ("b", "B232")], lambda a, b: a.bmm(b))
op("cat", B, lambda a, b: torch.cat([a, b], 0))
op("stack", B, lambda a, b: torch.stack([a, b], 0))
op("mse-loss", B, lambda a, b: torch.nn.functional.mse_loss(a, b))
op("scatter", [("a", "X23"), ("b", "S22")], lambda a, b, index: a.scatter(1, index, b),
   aux=[("index", "IDX22", "int64", 0)])
op("scatter-add", [("a", "X23"), ("b", "S22")], lambda a, b, index: a.scatter_add(1, index, b),
   aux=[("index", "IDX22", "int64", 0)])
op("index-add", [("a", "X23"), ("b", "S22")], lambda a, b, index: a.index_add(1, index, b),
   aux=[("index", "IDX2", "int64", 0)])
op("linear", [("a", "X23"), ("b", "W23"), ("c", "G2")], lambda a, b, c: torch.nn.functional.linear(a, b, c))
op("batch-norm", [("a", "X23"), ("b", "G3"), ("c", "H3")],
   lambda a, b, c: torch.nn.functional.batch_norm(a, None, None, b, c, training=True, eps=1e-5))


def kind_of(message):
    if "modified by an inplace operation" in message:
        return "version"
    if message.startswith("Trying to backward through the graph a second time"):
        return "freed"
    return "other"


def outcome(body):
    """Runs body(), which returns (grads, versions); an error becomes the outcome instead."""
    try:
        grads, versions = body()
    except RuntimeError as err:
        message = str(err)
        return {"error": message, "kind": kind_of(message), "grads": None, "versions": None}
    return {"error": None, "kind": None, "grads": grads, "versions": versions}


def grads_of(leaves):
    return {name: leaf.grad for name, leaf in leaves.items()}


def const_variants(operands):
    return [None] + ([role for role, _ in operands] if len(operands) > 1 else [])


CASES = {}


def saved_case(name, modify, const):
    operands, aux, fn = OPS[name]

    def body():
        leaves, args = {}, {}
        for role, key in operands:
            if role == const:
                args[role] = inp(key)
            else:
                leaves[role] = inp(key, requires_grad=True)
                args[role] = leaves[role] * 1
        fills = {}
        for role, key, dtype, fill in aux:
            args[role] = inp(key, dtype)
            fills[role] = fill
        z = fn(**args)
        if modify == "out":
            z.add_(1)
        elif modify in fills:
            args[modify].fill_(fills[modify])
        else:
            args[modify].add_(1)
        z.sum().backward()
        return grads_of(leaves), None

    return body


for name, (operands, aux, fn) in OPS.items():
    for const in const_variants(operands):
        suffix = "" if const is None else f"/{const}-const"
        targets = [role for role, _ in operands] + [role for role, *_ in aux] + ["out"]
        for target in targets:
            CASES[f"saved/{name}/modify-{target}{suffix}"] = saved_case(name, target, const)


# Left out, as differing from PyTorch for a reason other than versions (see the test's DROPPED).
DROPPED = set()
for case_id in DROPPED:
    del CASES[case_id]


def twice_case(name, const):
    operands, aux, fn = OPS[name]

    def body():
        leaves, args = {}, {}
        for role, key in operands:
            if role == const:
                args[role] = inp(key)
            else:
                leaves[role] = inp(key, requires_grad=True)
                args[role] = leaves[role]
        for role, key, dtype, _ in aux:
            args[role] = inp(key, dtype)
        z = fn(**args)
        z.backward(torch.ones_like(z))
        z.backward(torch.ones_like(z))
        return grads_of(leaves), None

    return body


for name, (operands, aux, fn) in OPS.items():
    for const in const_variants(operands):
        suffix = "" if const is None else f"/{const}-const"
        CASES[f"twice/{name}{suffix}"] = twice_case(name, const)


def case(case_id):
    def register(body):
        CASES[case_id] = body
        return body

    return register


# --- How the modification is done --------------------------------------------------------------


@case("how/exp/no-grad-out")
def _():
    x = inp("X3", requires_grad=True)
    z = (x * 1).exp()
    with torch.no_grad():
        z.add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/exp/no-grad-input")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    z = y.exp()
    with torch.no_grad():
        y.add_(1)
    z.sum().backward()
    return grads_of({"x": x}), {"y": y._version, "z": z._version}


@case("how/mul/no-grad-input")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3", requires_grad=True)
    y = x * 1
    z = y * (w * 1)
    with torch.no_grad():
        y.add_(1)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), None


@case("how/exp/detach-out")
def _():
    x = inp("X3", requires_grad=True)
    z = (x * 1).exp()
    z.detach().mul_(2)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/mul/detach-input")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3", requires_grad=True)
    y = x * 1
    z = y * (w * 1)
    y.detach().mul_(2)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), None


@case("how/mul/detach-input-const-other")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3")
    y = x * 1
    z = y * w
    y.detach().mul_(2)
    z.sum().backward()
    return grads_of({"x": x}), {"y": y._version}


@case("how/exp/view-of-out")
def _():
    x = inp("X23", requires_grad=True)
    z = (x * 1).exp()
    z.narrow(0, 0, 1).mul_(2)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/exp/view-of-out-no-grad")
def _():
    x = inp("X23", requires_grad=True)
    z = (x * 1).exp()
    with torch.no_grad():
        z[0].mul_(2)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/mul/view-of-input")
def _():
    x = inp("X23", requires_grad=True)
    w = inp("W23", requires_grad=True)
    y = x * 1
    z = y * (w * 1)
    y.narrow(0, 0, 1).mul_(2)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), None


@case("how/mul/slice-of-input")
def _():
    x = inp("X23", requires_grad=True)
    w = inp("W23", requires_grad=True)
    y = x * 1
    z = y * (w * 1)
    y[:, 1:].mul_(2)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), None


@case("how/sin/saved-view-base-modified")
def _():
    x = inp("X23", requires_grad=True)
    y = x * 1
    v = y[0]
    z = v.sin()
    y.add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/sin/saved-base-view-modified")
def _():
    x = inp("X23", requires_grad=True)
    y = x * 1
    z = y.sin()
    y[0].add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/sin/saved-view-sibling-modified")
def _():
    x = inp("X23", requires_grad=True)
    y = x * 1
    z = y[0].sin()
    y[1].add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/mul/leaf-step-no-grad")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3", requires_grad=True)
    z = (x * w).sum()
    with torch.no_grad():
        w.sub_(0.1)
    z.backward()
    return grads_of({"x": x, "w": w}), None


@case("how/mul/leaf-step-no-grad-const-x")
def _():
    x = inp("X3")
    w = inp("W3", requires_grad=True)
    z = (x * w).sum()
    with torch.no_grad():
        w.sub_(0.1)
    z.backward()
    return grads_of({"w": w}), {"w": w._version}


@case("how/exp/leaf-step-no-grad")
def _():
    w = inp("W3", requires_grad=True)
    z = w.exp().sum()
    with torch.no_grad():
        w.sub_(0.1)
    z.backward()
    return grads_of({"w": w}), {"w": w._version}


@case("how/sin/leaf-step-no-grad")
def _():
    w = inp("W3", requires_grad=True)
    z = w.sin().sum()
    with torch.no_grad():
        w.sub_(0.1)
    z.backward()
    return grads_of({"w": w}), None


@case("how/sin/leaf-step-detach")
def _():
    w = inp("W3", requires_grad=True)
    z = w.sin().sum()
    w.detach().sub_(0.1)
    z.backward()
    return grads_of({"w": w}), None


@case("how/mul/const-leaf")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3")
    z = (x * w).sum()
    w.add_(1)
    z.backward()
    return grads_of({"x": x}), None


@case("how/mul/const-leaf-no-grad")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3")
    z = (x * w).sum()
    with torch.no_grad():
        w.mul_(2)
    z.backward()
    return grads_of({"x": x}), None


@case("how/mul/const-int-leaf")
def _():
    x = inp("X3", requires_grad=True)
    k = torch.tensor([1, 2, 3])
    z = (x * k).sum()
    k.add_(1)
    z.backward()
    return grads_of({"x": x}), None


@case("how/exp/twice")
def _():
    x = inp("X3", requires_grad=True)
    z = (x * 1).exp()
    z.add_(1)
    z.mul_(2)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/exp/twice-no-grad")
def _():
    x = inp("X3", requires_grad=True)
    z = (x * 1).exp()
    with torch.no_grad():
        z.add_(1)
        z.sub_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/exp/float64-2d")
def _():
    x = inp("X23", "float64", requires_grad=True)
    z = (x * 1).exp()
    z.add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/exp/0d")
def _():
    x = inp("SCALAR", requires_grad=True)
    z = (x * 1).exp()
    z.add_(1)
    z.backward()
    return grads_of({"x": x}), None


@case("how/mul/float64-0d-const")
def _():
    x = inp("X3", "float64", requires_grad=True)
    w = inp("SCALAR", "float64")
    z = x * w
    w.add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/mul/float64-2d")
def _():
    x = inp("X23", "float64", requires_grad=True)
    w = inp("W23", "float64", requires_grad=True)
    y = x * 1
    z = y * (w * 1)
    y.mul_(2)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), None


@case("how/mul/modify-before-forward")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3", requires_grad=True)
    y = x * 1
    y.add_(1)
    z = y * (w * 1)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), {"y": y._version}


@case("how/mul/same-operand")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    z = y * y
    y.add_(1)
    z.sum().backward()
    return grads_of({"x": x}), None


@case("how/exp/unused-branch")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    z1 = y.exp()
    z2 = y.sin()
    z1.add_(1)
    z2.sum().backward()
    return grads_of({"x": x}), None


@case("how/sin/between-backwards")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    s = y.sin().sum()
    s.backward(retain_graph=True)
    y.add_(1)
    s.backward()
    return grads_of({"x": x}), None


@case("how/sin/between-backwards-fresh")
def _():
    x = inp("X3", requires_grad=True)
    y = x.clone()
    s = y.sin().sum()
    s.backward()
    y.add_(1)
    y.sin().sum().backward()
    return grads_of({"x": x}), None


@case("how/sigmoid/modify-consumer-output")
def _():
    x = inp("X3", requires_grad=True)
    z = (x * 1).sigmoid()
    w = z * 2
    w.add_(1)
    w.sum().backward()
    return grads_of({"x": x}), {"z": z._version, "w": w._version}


@case("how/exp/out-used-after-modify")
def _():
    x = inp("X3", requires_grad=True)
    z = (x * 1).exp()
    z.add_(1)
    (z * 2).sum().backward()
    return grads_of({"x": x}), None


@case("how/add/out-modified-chain")
def _():
    x = inp("X3", requires_grad=True)
    w = inp("W3", requires_grad=True)
    z = x + w
    z.mul_(2)
    z.add_(1)
    z.sum().backward()
    return grads_of({"x": x, "w": w}), {"z": z._version}


# --- Version counters ----------------------------------------------------------------------------


@case("version/fresh")
def _():
    x = inp("X3", requires_grad=True)
    m = inp("X3")
    m.add_(1)
    return None, {
        "zeros": torch.zeros(3)._version,
        "ones": torch.ones(2, 2)._version,
        "randn": torch.randn(3)._version,
        "tensor": inp("X3")._version,
        "arange": torch.arange(3)._version,
        "mul": (x * 1)._version,
        "exp": x.exp()._version,
        "clone-of-modified": m.clone()._version,
        "modified": m._version,
        "detach": x.detach()._version,
    }


def sequence(t, v, prefix=""):
    t.add_(1)
    v[prefix + "add_"] = t._version
    t.sub_(0.5)
    v[prefix + "sub_"] = t._version
    t.mul_(2)
    v[prefix + "mul_"] = t._version
    t.div_(4)
    v[prefix + "div_"] = t._version
    t.clamp_(-1, 1)
    v[prefix + "clamp_"] = t._version
    t.fill_(2)
    v[prefix + "fill_"] = t._version
    t.zero_()
    v[prefix + "zero_"] = t._version
    t.copy_(inp("W3"))
    v[prefix + "copy_"] = t._version


@case("version/sequence")
def _():
    t = torch.zeros(3)
    v = {}
    sequence(t, v)
    t.uniform_()
    v["uniform_"] = t._version
    t.normal_()
    v["normal_"] = t._version
    t.random_()
    v["random_"] = t._version
    t.random_(0, 5)
    v["random_-bounds"] = t._version
    t.add(1)
    t.exp()
    v["out-of-place"] = t._version
    return None, v


@case("version/sequence-grad")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    v = {}
    sequence(y, v)
    return None, v


@case("version/sequence-int")
def _():
    k = torch.tensor([1, 2, 3])
    b = torch.tensor([True, False])
    v = {}
    k.add_(1)
    v["add_"] = k._version
    k.mul_(2)
    v["mul_"] = k._version
    k.fill_(3)
    v["fill_"] = k._version
    k.random_(0, 10)
    v["random_"] = k._version
    k.zero_()
    v["zero_"] = k._version
    b.fill_(True)
    v["bool-fill_"] = b._version
    return None, v


@case("version/sequence-no-grad")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    v = {}
    with torch.no_grad():
        sequence(y, v, "y/")
        sequence(x, v, "leaf/")
    return None, v


@case("version/operands-not-bumped")
def _():
    a = inp("X3")
    b = inp("W3")
    a.add_(b)
    a.mul_(a)
    c = torch.zeros(3)
    c.copy_(b)
    return None, {"a": a._version, "b": b._version, "c": c._version}


@case("version/views-share")
def _():
    base = inp("X23")
    row = base[0]
    v = {}
    row.add_(1)
    v["base-after-row"] = base._version
    v["row-after-row"] = row._version
    base.mul_(2)
    v["base-after-base"] = base._version
    v["row-after-base"] = row._version
    later = base.view(6)
    v["later-view"] = later._version
    chain = base.t().narrow(0, 1, 2)
    chain.sub_(1)
    v["base-after-chain"] = base._version
    v["row-after-chain"] = row._version
    v["chain"] = chain._version
    for name, view in [
        ("expand", base[0:1].expand(2, 3)), ("transpose", base.transpose(0, 1)),
        ("permute", base.permute(1, 0)), ("unsqueeze", base.unsqueeze(0)),
        ("squeeze", base.unsqueeze(0).squeeze(0)), ("slice", base[:, 1:]),
        ("select", base.select(1, 2)), ("reshape-view", base.reshape(3, 2)),
        ("flatten", base.flatten()), ("contiguous-self", base.contiguous()),
        ("to-same-dtype", base.to(torch.float32)), ("detach", base.detach()),
    ]:
        v[name] = view._version
    return None, v


@case("version/copies-do-not-share")
def _():
    base = inp("X23")
    copies = {
        "clone": base.clone(), "reshape-copy": base.t().reshape(6), "contiguous-copy": base.t().contiguous(),
        "to-float64": base.to(torch.float64), "exp": base.exp(), "cat": torch.cat([base, base]),
    }
    base.add_(1)
    v = {name: t._version for name, t in copies.items()}
    v["base"] = base._version
    return None, v


@case("version/views-of-grad-tensor")
def _():
    x = inp("X23", requires_grad=True)
    y = x * 1
    row = y[1]
    row.mul_(2)
    v = {"y": y._version, "row": row._version}
    y.add_(1)
    v["y-after"] = y._version
    v["row-after"] = row._version
    with torch.no_grad():
        y[0].sub_(1)
    v["y-no-grad-view"] = y._version
    v["row-no-grad-view"] = row._version
    return None, v


@case("version/detach-shares")
def _():
    t = inp("X3")
    d = t.detach()
    d.add_(1)
    v = {"t": t._version, "d": d._version}
    t.mul_(2)
    v["d-after-t"] = d._version
    v["detach-after"] = t.detach()._version
    x = inp("X3", requires_grad=True)
    x.detach().zero_()
    v["leaf"] = x._version
    return None, v


@case("version/data-does-not-share")
def _():
    t = inp("X3")
    t.data.add_(1)
    x = inp("X3", requires_grad=True)
    x.data.mul_(2)
    return None, {"t": t._version, "leaf": x._version}


@case("version/expand-fill")
def _():
    t = inp("X3")
    e = t.expand(2, 3)
    e.fill_(1)
    return None, {"t": t._version, "e": e._version}


@case("version/rejected-inplace")
def _():
    x = inp("X3", requires_grad=True)
    try:
        x.add_(1)
    except RuntimeError:
        pass
    return None, {"x": x._version}


@case("version/backward-does-not-bump")
def _():
    x = inp("X3", requires_grad=True)
    y = x * 1
    z = y.exp()
    z.sum().backward()
    return None, {"x": x._version, "y": y._version, "z": z._version}


# --- Second backward through a graph (beyond twice/<op>) -----------------------------------------


@case("twice-more/exp/retain-then-twice")
def _():
    x = inp("X3", requires_grad=True)
    z = x.exp()
    z.backward(torch.ones_like(z), retain_graph=True)
    z.backward(torch.ones_like(z))
    return grads_of({"x": x}), None


@case("twice-more/exp/retain-then-thrice")
def _():
    x = inp("X3", requires_grad=True)
    z = x.exp()
    z.backward(torch.ones_like(z), retain_graph=True)
    z.backward(torch.ones_like(z))
    z.backward(torch.ones_like(z))
    return grads_of({"x": x}), None


@case("twice-more/exp/two-roots")
def _():
    x = inp("X3", requires_grad=True)
    z = x.exp()
    z.sum().backward()
    z.mean().backward()
    return grads_of({"x": x}), None


@case("twice-more/add-scalar/two-roots")
def _():
    x = inp("X3", requires_grad=True)
    z = x + 1
    z.sum().backward()
    z.mean().backward()
    return grads_of({"x": x}), None


@case("twice-more/sum-of-view/twice")
def _():
    x = inp("X23", requires_grad=True)
    s = x.t().reshape(6).sum()
    s.backward()
    s.backward()
    return grads_of({"x": x}), None


@case("twice-more/mul-by-leaf-scalar-mul/twice")
def _():
    x = inp("X3", requires_grad=True)
    s = (x * 1).sum()
    s.backward()
    s.backward()
    return grads_of({"x": x}), None


data = {"inputs": INPUTS, "cases": {case_id: outcome(body) for case_id, body in CASES.items()}}
counts = {}
for result in data["cases"].values():
    counts[result["kind"]] = counts.get(result["kind"], 0) + 1
print(len(CASES), "cases", counts)
write_fixture("tensor", "versions", data)
