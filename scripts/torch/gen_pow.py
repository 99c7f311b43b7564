"""Python's float `**` with an integer exponent, for @kindling/lr-scheduler's pyPow: the powers a
schedule takes (gamma ** epoch) as PyTorch's Python computes them (C's pow, from glibc here).

Each case is [base, exponent, result], floats as `float.hex()` so they round-trip bit for bit.
"""
from fixtures import write_fixture

BASES = [0.95, 0.5, 0.9, 0.99, 0.97, 0.98, 0.999, 0.8, 0.1, 0.85, 0.6, 1.05, 2.0, 1 / 3]

cases = []
for base in BASES:
    for n in range(-20, 301):
        value = base ** n
        if 1e-280 < value < 1e280:  # pyPow's range; beyond it, it defers to Math.pow
            cases.append([base.hex(), n, value.hex()])
write_fixture("lr-scheduler", "pow", {"cases": cases})
