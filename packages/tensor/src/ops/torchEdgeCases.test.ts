// Elementwise ops, creation and casts at the edges where JavaScript's arithmetic differs from the
// C that PyTorch runs. Every expected value is PyTorch 1.13's (CPU), printed by the expression in
// the comment beside it.
import { describe, expect, it } from "vitest";
import { arange } from "../creation/arange.js";
import { full } from "../creation/full.js";
import { linspace } from "../creation/linspace.js";
import { tensor } from "../creation/tensor.js";
import { zeros } from "../creation/zeros.js";
import { DTypeError } from "../errors.js";
import type { Tensor } from "../tensor.js";
import { ceil } from "./ceil.js";
import { clamp } from "./clamp.js";
import { div } from "./div.js";
import { fill_ } from "./fill.js";
import { floor } from "./floor.js";
import { maskedFill } from "./maskedFill.js";
import { pow } from "./pow.js";
import { round } from "./round.js";
import { to } from "./to.js";
import { trunc } from "./trunc.js";

const f64 = (data: number[]) => tensor(data, { dtype: "float64" });
const INT64_MIN = -9223372036854775808n;
/** An int64 tensor's elements as bigints (`toArray` gives numbers). */
const bigints = (t: Tensor): bigint[] => Array.from(t.contiguous().storage as BigInt64Array);

describe("pow follows C's pow at base ±1", () => {
  it("gives 1 for base 1 or -1 to an infinite exponent, and base 1 to NaN", () => {
    // torch.pow(torch.tensor([1., -1., 2.]), float('inf')) -> tensor([1., 1., inf])
    expect(pow(tensor([1, -1, 2]), Infinity).toArray()).toEqual([1, 1, Infinity]);
    // torch.pow(torch.tensor([1., -1., 2.]), -float('inf')) -> tensor([1., 1., 0.])
    expect(pow(tensor([1, -1, 2]), -Infinity).toArray()).toEqual([1, 1, 0]);
    // torch.pow(torch.tensor([1.]), float('nan')) -> tensor([1.])
    expect(pow(tensor([1]), Number.NaN).toArray()).toEqual([1]);
    // torch.pow(torch.tensor([True]), torch.tensor([float('nan')])) -> tensor([1.])
    expect(pow(tensor([true]), tensor([Number.NaN])).toArray()).toEqual([1]);
  });

  it("copies the base for an exponent of 1 (NaN and -0 kept), as PyTorch's `out.copy_(base)`", () => {
    // torch.pow(torch.tensor([nan, -0., 3.5]), 1) -> tensor([nan, -0., 3.5000]), a new tensor
    const x = tensor([Number.NaN, -0, 3.5]);
    const y = pow(x, 1);
    expect(y.toArray()).toEqual([Number.NaN, -0, 3.5]);
    expect(Object.is((y.toTypedArray() as Float32Array)[1], -0)).toBe(true);
    expect(y.storage).not.toBe(x.storage);
    // the backward of x ** 2 takes this path: 2 x
    const w = tensor([-1.5, 0, 2], { requiresGrad: true });
    pow(w, 2).sum().backward();
    expect(w.grad!.toArray()).toEqual([-3, 0, 4]);
  });

  it("does so for float64 tensor exponents and scalar bases", () => {
    // torch.pow(torch.tensor([1., -1., 2.], dtype=torch.float64),
    //           torch.tensor([inf, -inf, nan], dtype=torch.float64)) -> tensor([1., 1., nan])
    expect(pow(f64([1, -1, 2]), f64([Infinity, -Infinity, Number.NaN])).toArray()).toEqual([
      1,
      1,
      Number.NaN,
    ]);
    // torch.pow(1, torch.tensor([nan, inf])) -> tensor([1., 1.])
    expect(pow(1, tensor([Number.NaN, Infinity])).toArray()).toEqual([1, 1]);
    // torch.pow(-1, torch.tensor([nan, inf])) -> tensor([nan, 1.])
    expect(pow(-1, tensor([Number.NaN, Infinity])).toArray()).toEqual([Number.NaN, 1]);
  });

  it("has PyTorch's gradients there", () => {
    // x = torch.tensor([1., -1.], requires_grad=True); e = torch.tensor([nan, inf], requires_grad=True)
    // torch.pow(x, e).sum().backward() -> x.grad tensor([nan, inf]), e.grad tensor([0., nan])
    const x = tensor([1, -1], { requiresGrad: true });
    const e = tensor([Number.NaN, Infinity], { requiresGrad: true });
    pow(x, e).sum().backward();
    expect(x.grad!.toArray()).toEqual([Number.NaN, Infinity]);
    expect(e.grad!.toArray()).toEqual([0, Number.NaN]);
    // x = torch.tensor([1., -1.], requires_grad=True); torch.pow(x, inf).sum().backward()
    // -> x.grad tensor([inf, inf])
    const y = tensor([1, -1], { requiresGrad: true });
    pow(y, Infinity).sum().backward();
    expect(y.grad!.toArray()).toEqual([Infinity, Infinity]);
  });
});

describe("int64 pow", () => {
  it("wraps modulo 2^64 for huge exponents", () => {
    // torch.pow(torch.tensor([3, 2]), 10**10) -> tensor([-7984438743975768063, 0])
    expect(bigints(pow(tensor([3n, 2n]), 1e10))).toEqual([-7984438743975768063n, 0n]);
    // torch.pow(torch.tensor([3, 2]), torch.tensor([10**10, 70])) -> same
    expect(bigints(pow(tensor([3n, 2n]), tensor([10000000000n, 70n])))).toEqual([
      -7984438743975768063n,
      0n,
    ]);
    // torch.pow(torch.tensor([3, 2]), 2**62 + 1) -> tensor([3, 0])
    expect(bigints(pow(tensor([3n, 2n]), 2n ** 62n + 1n))).toEqual([3n, 0n]);
  });

  it("rejects a negative integer scalar exponent, but not a tensor one", () => {
    // torch.pow(torch.tensor([1, 2]), -1)
    // -> RuntimeError: Integers to negative integer powers are not allowed.
    expect(() => pow(tensor([1n, 2n]), -1)).toThrow(DTypeError);
    expect(() => pow(tensor([1n, 2n]), -1)).toThrow(/Integers to negative integer powers/);
    // torch.pow(torch.tensor([True]), -1) -> same error
    expect(() => pow(tensor([true]), -1)).toThrow(DTypeError);
    // torch.pow(torch.tensor([1, 2]), torch.tensor([-1, 1])) -> tensor([1, 2])
    expect(bigints(pow(tensor([1n, 2n]), tensor([-1n, 1n])))).toEqual([1n, 2n]);
    // torch.pow(2, torch.tensor([-1, 2])) -> tensor([0, 4])
    expect(bigints(pow(2, tensor([-1n, 2n])))).toEqual([0n, 4n]);
  });
});

describe("NaN into bool is true", () => {
  it("in tensor(), full() and fill_()", () => {
    // torch.tensor([float('nan'), 0.5, 0.], dtype=torch.bool) -> tensor([ True,  True, False])
    expect(tensor([Number.NaN, 0.5, 0], { dtype: "bool" }).toArray()).toEqual([true, true, false]);
    // torch.full([2], float('nan'), dtype=torch.bool) -> tensor([True, True])
    expect(full([2], Number.NaN, { dtype: "bool" }).toArray()).toEqual([true, true]);
    // torch.zeros(2, dtype=torch.bool).fill_(float('nan')) -> tensor([True, True])
    expect(fill_(zeros([2], { dtype: "bool" }), Number.NaN).toArray()).toEqual([true, true]);
  });

  it("in maskedFill and copy_", () => {
    // torch.zeros(2, dtype=torch.bool).masked_fill(torch.tensor([True, False]), float('nan'))
    // -> tensor([ True, False])
    const m = tensor([true, false]);
    expect(maskedFill(zeros([2], { dtype: "bool" }), m, Number.NaN).toArray()).toEqual([
      true,
      false,
    ]);
    // torch.zeros(2, dtype=torch.bool).copy_(torch.tensor([nan, 0.])) -> tensor([ True, False])
    expect(
      zeros([2], { dtype: "bool" })
        .copy_(tensor([Number.NaN, 0]))
        .toArray(),
    ).toEqual([true, false]);
  });
});

describe("clamp with a NaN bound", () => {
  it("is all NaN when both bounds are given", () => {
    // torch.clamp(torch.tensor([-1., 0.5, 2.]), float('nan'), 1) -> tensor([nan, nan, nan])
    expect(clamp(tensor([-1, 0.5, 2]), Number.NaN, 1).toArray()).toEqual([NaN, NaN, NaN]);
    // torch.clamp(torch.tensor([-1., 0.5, 2.]), 0, float('nan')) -> tensor([nan, nan, nan])
    expect(clamp(tensor([-1, 0.5, 2]), 0, Number.NaN).toArray()).toEqual([NaN, NaN, NaN]);
    // torch.clamp(torch.tensor([-1., 0.5, 2.], dtype=torch.float64), nan, 1) -> all nan, float64
    const d = clamp(f64([-1, 0.5, 2]), Number.NaN, 1);
    expect([d.dtype, d.toArray()]).toEqual(["float64", [NaN, NaN, NaN]]);
    // torch.clamp(torch.tensor([-1, 0, 2]), float('nan'), 1) -> tensor([nan, nan, nan]) (float32)
    const i = clamp(tensor([-1n, 0n, 2n]), Number.NaN, 1);
    expect([i.dtype, i.toArray()]).toEqual(["float32", [NaN, NaN, NaN]]);
  });

  it("ignores a lone NaN bound, and passes no gradient", () => {
    // torch.clamp(torch.tensor([-1., 0.5, 2.]), float('nan')) -> tensor([-1.0000, 0.5000, 2.0000])
    expect(clamp(tensor([-1, 0.5, 2]), Number.NaN).toArray()).toEqual([-1, 0.5, 2]);
    // torch.clamp(torch.tensor([-1., 0.5, 2.]), None, float('nan')) -> same
    expect(clamp(tensor([-1, 0.5, 2]), null, Number.NaN).toArray()).toEqual([-1, 0.5, 2]);
    // x = torch.tensor([-1., 0.5, 2.], requires_grad=True); torch.clamp(x, nan, 1).sum().backward()
    // -> x.grad tensor([0., 0., 0.])
    const x = tensor([-1, 0.5, 2], { requiresGrad: true });
    clamp(x, Number.NaN, 1).sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 0]);
  });
});

describe("scalar / tensor is reciprocal(t) * scalar, as Tensor.__rtruediv__", () => {
  it("rounds as PyTorch's 7 / t", () => {
    // (7 / torch.tensor([3])).item() -> 2.3333334922790527
    expect(div(7, tensor([3n])).toArray()).toEqual([2.3333334922790527]);
    // (7 / torch.tensor([1e10], dtype=torch.float64)).item() -> 7.000000000000001e-10
    expect(div(7, f64([1e10])).toArray()).toEqual([7.000000000000001e-10]);
    // 7 / torch.tensor([True]) -> tensor([7.])
    expect(div(7, tensor([true])).toArray()).toEqual([7]);
  });
});

describe("arange and linspace with int64 and fractional bounds", () => {
  it("truncates arange's bounds and step first", () => {
    // torch.arange(0.5, 5, 1, dtype=torch.int64) -> tensor([0, 1, 2, 3, 4])
    expect(bigints(arange(0.5, 5, 1, { dtype: "int64" }))).toEqual([0n, 1n, 2n, 3n, 4n]);
    // torch.arange(0, 5, 1.5, dtype=torch.int64) -> tensor([0, 1, 2, 3, 4])
    expect(bigints(arange(0, 5, 1.5, { dtype: "int64" }))).toEqual([0n, 1n, 2n, 3n, 4n]);
    // torch.arange(2.5, dtype=torch.int64) -> tensor([0, 1])
    expect(bigints(arange(2.5, { dtype: "int64" }))).toEqual([0n, 1n]);
    // torch.arange(0, -5, -1.5, dtype=torch.int64) -> tensor([ 0, -1, -2, -3, -4])
    expect(bigints(arange(0, -5, -1.5, { dtype: "int64" }))).toEqual([0n, -1n, -2n, -3n, -4n]);
    // torch.arange(0.9, dtype=torch.int64) -> tensor([], dtype=torch.int64)
    expect(arange(0.9, { dtype: "int64" }).toArray()).toEqual([]);
    // torch.arange(0, 5, 0.5, dtype=torch.int64) -> RuntimeError: step must be nonzero
    expect(() => arange(0, 5, 0.5, { dtype: "int64" })).toThrow(/step must be nonzero/);
  });

  it("truncates linspace's bounds and each value", () => {
    // torch.linspace(-5.5, 3.25, 33, dtype=torch.int64).tolist()
    expect(linspace(-5.5, 3.25, 33, { dtype: "int64" }).toArray()).toEqual([
      -5, -4, -4, -4, -4, -3, -3, -3, -3, -2, -2, -2, -2, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 1, 1,
      1, 1, 2, 2, 2, 2, 3,
    ]);
    // torch.linspace(3, -40.5, 21, dtype=torch.int64).tolist()
    expect(linspace(3, -40.5, 21, { dtype: "int64" }).toArray()).toEqual([
      3, 0, -1, -3, -5, -7, -9, -11, -14, -16, -18, -20, -22, -24, -26, -28, -31, -33, -35, -37,
      -40,
    ]);
    // torch.linspace(2.9, 2.1, 1, dtype=torch.int64) -> tensor([2])
    expect(bigints(linspace(2.9, 2.1, 1, { dtype: "int64" }))).toEqual([2n]);
  });
});

describe("inputs PyTorch rejects or converts differently", () => {
  it("rejects bool in floor, ceil, round and trunc", () => {
    // torch.floor(torch.tensor([True])) -> RuntimeError: "floor_vml_cpu" not implemented for 'Bool'
    // (likewise ceil_vml_cpu, round_vml_cpu, trunc_vml_cpu)
    for (const op of [floor, ceil, round, trunc]) {
      expect(() => op(tensor([true]))).toThrow(DTypeError);
    }
    // torch.floor(torch.tensor([3])) -> tensor([3])
    expect(bigints(floor(tensor([3n])))).toEqual([3n]);
  });

  it("casts out-of-range floats to INT64_MIN, as x86", () => {
    // torch.tensor([3e38, -3e38, 9.3e18, -9.3e18, 9.2e18, nan, inf, -inf],
    //              dtype=torch.float64).to(torch.int64)
    const big = f64([3e38, -3e38, 9.3e18, -9.3e18, 9.2e18, NaN, Infinity, -Infinity]);
    expect(bigints(to(big, "int64"))).toEqual([
      INT64_MIN,
      INT64_MIN,
      INT64_MIN,
      INT64_MIN,
      9200000000000000000n,
      INT64_MIN,
      INT64_MIN,
      INT64_MIN,
    ]);
    // torch.tensor([3e38, 9.3e18, nan]).to(torch.int64) -> all -9223372036854775808
    expect(bigints(to(tensor([3e38, 9.3e18, NaN]), "int64"))).toEqual([
      INT64_MIN,
      INT64_MIN,
      INT64_MIN,
    ]);
  });

  it("rejects scalars that overflow int64", () => {
    // torch.tensor([3e38, nan], dtype=torch.int64)
    // -> RuntimeError: value cannot be converted to type int64 without overflow
    expect(() => tensor([3e38], { dtype: "int64" })).toThrow(DTypeError);
    expect(() => tensor([NaN], { dtype: "int64" })).toThrow(/cannot be converted to type int64/);
    // torch.full([2], float('nan'), dtype=torch.int64) -> same error (int64_t)
    expect(() => full([2], NaN, { dtype: "int64" })).toThrow(DTypeError);
    // torch.zeros(2, dtype=torch.int64).fill_(1e30) -> same error
    expect(() => fill_(zeros([2], { dtype: "int64" }), 1e30)).toThrow(DTypeError);
  });
});
