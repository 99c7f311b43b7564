"""Fixtures for @kindling/tensor's random numbers: what PyTorch's CPU generator draws.

Writes packages/tensor/fixtures/random.json. Every case starts from a fresh
`torch.Generator().manual_seed(seed)`; after each call `next` records two more draws
(`randint(0, 2**31, (2,))`) so that a test also checks how many draws the call consumed.
Float values are exact JSON numbers, generator states hex strings of their 5056 bytes, and int64
values that may not fit a double decimal strings.
"""
import torch

from fixtures import write_fixture

SEEDS = [0, 1, 42, 420, 24, 2**32 - 1, 2**63 - 1, 0x123456789ABCDEF0, -1]
SMALL_SIZES = [0, 1, 7, 15, 16, 17, 100]
BIG_SHAPE = (1000, 5)
BIG_SEEDS = [0, 42, 420]


def gen(seed):
    return torch.Generator().manual_seed(seed)


def after(g):
    """Two more 32-bit-range draws: they pin down where the stream stands."""
    return torch.randint(0, 2**31, (2,), generator=g).tolist()


def int64s(t):
    return [str(v) for v in t.flatten().tolist()]


def call_case(seed, fn):
    g = gen(seed)
    values = fn(g)
    return {"seed": str(seed), "values": values, "next": after(g)}


def sized_cases():
    cases = []
    for seed in SEEDS:
        for size in SMALL_SIZES:
            for kind, fn in KINDS.items():
                cases.append({"kind": kind, "shape": [size], **call_case(seed, lambda g: fn(size, g))})
    for seed in BIG_SEEDS:
        for kind, fn in KINDS.items():
            if kind in ("randn32",) or seed == 42:
                shape = list(BIG_SHAPE)
                cases.append({"kind": kind, "shape": shape, **call_case(seed, lambda g: fn(BIG_SHAPE, g))})
    return cases


KINDS = {
    "rand32": lambda s, g: torch.rand(s, generator=g).flatten().tolist(),
    "rand64": lambda s, g: torch.rand(s, generator=g, dtype=torch.float64).flatten().tolist(),
    "randn32": lambda s, g: torch.randn(s, generator=g).flatten().tolist(),
    "randn64": lambda s, g: torch.randn(s, generator=g, dtype=torch.float64).flatten().tolist(),
    "randint": lambda s, g: torch.randint(-5, 1000, s if isinstance(s, tuple) else (s,), generator=g).flatten().tolist(),
    "bernoulli": lambda s, g: torch.empty(s).bernoulli_(0.3, generator=g).flatten().tolist(),
}


def param_cases():
    """Non-default parameters: uniform_/normal_ bounds, randint ranges, random_ forms."""
    out = []

    def add(kind, seed, params, fn):
        out.append({"kind": kind, "params": params, **call_case(seed, fn)})

    for seed in [0, 42]:
        for lo, hi in [(-2.5, 7.25), (0.1, 0.2), (-1e6, 3.0), (5.0, 5.0)]:
            for n in [7, 100]:
                add("uniform32", seed, {"from": lo, "to": hi, "n": n},
                    lambda g: torch.empty(n).uniform_(lo, hi, generator=g).tolist())
                add("uniform64", seed, {"from": lo, "to": hi, "n": n},
                    lambda g: torch.empty(n, dtype=torch.float64).uniform_(lo, hi, generator=g).tolist())
        for mean, std in [(0.5, 2.0), (-3.0, 0.01), (1.0, 0.0)]:
            for n in [7, 17, 100]:
                add("normal32", seed, {"mean": mean, "std": std, "n": n},
                    lambda g: torch.empty(n).normal_(mean, std, generator=g).tolist())
                add("normal64", seed, {"mean": mean, "std": std, "n": n},
                    lambda g: torch.empty(n, dtype=torch.float64).normal_(mean, std, generator=g).tolist())
        for lo, hi in [(0, 10), (0, 1), (-5, 1000), (0, 2**32 - 1), (0, 2**32), (-(2**40), 2**40),
                       (-(2**63), 2**63 - 1), (2**62, 2**63 - 1)]:
            add("randint", seed, {"low": str(lo), "high": str(hi), "n": 9},
                lambda g: int64s(torch.randint(lo, hi, (9,), generator=g)))
        add("random_from", seed, {"from": "5", "n": 9},
            lambda g: int64s(torch.empty(9, dtype=torch.int64).random_(**{"from": 5, "to": None}, generator=g)))
        add("random_full64", seed, {"n": 9},
            lambda g: int64s(torch.empty(9, dtype=torch.int64).random_(**{"from": -(2**63), "to": None}, generator=g)))
        add("random_int64", seed, {"n": 9},
            lambda g: int64s(torch.empty(9, dtype=torch.int64).random_(generator=g)))
        add("random_float32", seed, {"n": 9},
            lambda g: torch.empty(9).random_(generator=g).tolist())
        add("random_float64", seed, {"n": 9},
            lambda g: torch.empty(9, dtype=torch.float64).random_(generator=g).tolist())
        add("random_bool", seed, {"n": 9},
            lambda g: [int(v) for v in torch.empty(9, dtype=torch.bool).random_(generator=g).tolist()])
        for p in [0.0, 0.5, 1.0]:
            add("bernoulli_scalar", seed, {"p": p, "n": 20},
                lambda g: torch.empty(20, dtype=torch.float64).bernoulli_(p, generator=g).tolist())
        probs32 = torch.linspace(0, 1, 20)
        probs64 = torch.linspace(0, 1, 20, dtype=torch.float64)
        add("bernoulli_probs32", seed, {"probs": probs32.tolist()},
            lambda g: torch.bernoulli(probs32, generator=g).tolist())
        add("bernoulli_probs64", seed, {"probs": probs64.tolist()},
            lambda g: torch.bernoulli(probs64, generator=g).tolist())
    return out


def randperm_cases():
    cases = []
    for seed in SEEDS:
        for n in [0, 1, 2, 7, 100, 1000]:
            cases.append({"n": n, **call_case(seed, lambda g: torch.randperm(n, generator=g).tolist())})
    for seed in [420]:
        n = 20000
        cases.append({"n": n, **call_case(seed, lambda g: torch.randperm(n, generator=g).tolist())})
    return cases


def interleavings():
    """One generator through a sequence of mixed calls: each call's values, then the state."""
    steps = [
        ("randn32", 7), ("rand32", 3), ("randperm", 10), ("randn64", 20), ("randn64", 1),
        ("randn32", 1), ("rand64", 5), ("randint", 4), ("randn32", 33), ("bernoulli", 6),
        ("randn64", 3), ("randn32", 16), ("int64seed", 1), ("randn64", 15), ("rand32", 17),
    ]
    out = []
    for seed in [0, 420, 2**63 - 1]:
        g = gen(seed)
        values = []
        for kind, n in steps:
            if kind == "randperm":
                values.append(torch.randperm(n, generator=g).tolist())
            elif kind == "int64seed":
                values.append(str(int(torch.empty((), dtype=torch.int64).random_(generator=g))))
            else:
                values.append(KINDS[kind](n, g))
        out.append({
            "seed": str(seed),
            "steps": [[k, n] for k, n in steps],
            "values": values,
            "state": g.get_state().numpy().tobytes().hex(),
        })
    return out


def states():
    """get_state() bytes: fresh, after draws, and with a cached double normal sample."""
    out = []
    for seed in [0, 2**32 - 1, 0x123456789ABCDEF0]:
        g = gen(seed)
        out.append({"seed": str(seed), "draws": "none", "state": g.get_state().numpy().tobytes().hex()})
        torch.rand(700, generator=g)
        out.append({"seed": str(seed), "draws": "rand(700)", "state": g.get_state().numpy().tobytes().hex()})
        torch.randn(3, generator=g, dtype=torch.float64)
        out.append({"seed": str(seed), "draws": "rand(700), randn(3, float64)",
                    "state": g.get_state().numpy().tobytes().hex()})
    default = torch.Generator()
    out.append({"seed": str(default.initial_seed()), "draws": "torch.Generator()",
                "state": default.get_state().numpy().tobytes().hex()})
    return out


def dataloader():
    """The draws a shuffling DataLoader epoch makes: base seed, sampler seed, then randperm."""
    out = []
    for seed in [0, 420, 24]:
        torch.manual_seed(seed)
        epochs = []
        for _ in range(3):
            base = int(torch.empty((), dtype=torch.int64).random_())
            sampler_seed = int(torch.empty((), dtype=torch.int64).random_())
            fresh = torch.Generator().manual_seed(sampler_seed)
            epochs.append({"base_seed": str(base), "sampler_seed": str(sampler_seed),
                           "perm": torch.randperm(35, generator=fresh).tolist()})
        out.append({"seed": str(seed), "epochs": epochs})
    return out


def seeds():
    out = []
    for seed in SEEDS + [2**64 - 1, -(2**63)]:
        g = gen(seed)
        out.append({"seed": str(seed), "initial_seed": str(g.initial_seed()),
                    "rand": torch.rand(3, generator=g).tolist()})
    return out


write_fixture("tensor", "random", {
    "default_seed": str(torch.Generator().initial_seed()),
    "sized": sized_cases(),
    "params": param_cases(),
    "randperm": randperm_cases(),
    "interleavings": interleavings(),
    "states": states(),
    "dataloader": dataloader(),
    "seeds": seeds(),
})
