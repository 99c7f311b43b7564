import { describe, expect, it } from "vitest";
import * as T from "./index.js";

describe("Tensor storage and views", () => {
  it("views share storage and report shape, strides and offset", () => {
    const x = T.arange(12, { dtype: "float32" }).view(3, 4);
    expect(x.shape).toEqual([3, 4]);
    expect(x.strides).toEqual([4, 1]);
    const col = x.select(1, 2);
    expect(col.toArray()).toEqual([2, 6, 10]);
    expect(col.storageOffset).toBe(2);
    expect(col.strides).toEqual([4]);
    col.fill_(-1);
    expect(x.toArray()).toEqual([
      [0, 1, -1, 3],
      [4, 5, -1, 7],
      [8, 9, -1, 11],
    ]);
    const tr = x.t();
    expect(tr.isContiguous()).toBe(false);
    expect(tr.contiguous().isContiguous()).toBe(true);
    expect(tr.contiguous().toArray()).toEqual(tr.toArray());
    expect(x.permute(1, 0).toArray()).toEqual(tr.toArray());
    expect(x.narrow(0, 1, 2).shape).toEqual([2, 4]);
    expect(x.slice(1, 1, null, 2).toArray()).toEqual([
      [1, 3],
      [5, 7],
      [9, 11],
    ]);
    expect(x.unsqueeze(1).shape).toEqual([3, 1, 4]);
    expect(x.unsqueeze(-1).squeeze().shape).toEqual([3, 4]);
    expect(T.tensor([1, 2]).expand(2, -1).strides).toEqual([0, 1]);
  });
  it("view refuses incompatible strides; reshape copies then", () => {
    const x = T.zeros([2, 3]).t();
    expect(() => x.view(6)).toThrow(/view size is not compatible/);
    expect(x.reshape(6).shape).toEqual([6]);
    expect(() => x.reshape(4)).toThrow(T.ShapeError);
    expect(T.zeros([2, 3]).view(-1, 2).shape).toEqual([3, 2]);
  });
  it("converts dtypes, with int64 exact", () => {
    const big = T.tensor([9007199254740993n, -5n]);
    expect(big.dtype).toBe("int64");
    expect(big.toTypedArray()).toEqual(new BigInt64Array([9007199254740993n, -5n]));
    expect(big.add(1n).toTypedArray()[0]).toBe(9007199254740994n);
    expect(T.tensor([1.7, -1.7, Number.NaN]).to("int64").toTypedArray()).toEqual(
      new BigInt64Array([1n, -1n, -9223372036854775808n]),
    );
    expect(T.tensor([0, 2]).bool().toArray()).toEqual([false, true]);
    expect(T.tensor([true, false]).double().toArray()).toEqual([1, 0]);
    expect(T.tensor([1, 2]).to("float32")).not.toBeNull();
  });
  it("creates tensors", () => {
    expect(T.tensor(3).shape).toEqual([]);
    expect(T.tensor(3).item()).toBe(3);
    expect(T.tensor([[true]]).dtype).toBe("bool");
    expect(T.ones([2, 2], { dtype: "int64" }).toTypedArray()).toEqual(
      new BigInt64Array([1n, 1n, 1n, 1n]),
    );
    expect(T.full([2], 2.5, { dtype: "float64" }).toArray()).toEqual([2.5, 2.5]);
    expect(T.eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    // torch.eye(2, dtype=...): the options may come second (they made a [2, object] tensor).
    const e = T.eye(2, { dtype: "float64" });
    expect([e.shape, e.dtype, e.toArray()]).toEqual([
      [2, 2],
      "float64",
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    expect(() => T.eye(2, 1.5)).toThrow(T.ShapeError);
    // torch.randint(high, size): the same draws as randint(0, high, size).
    T.manualSeed(7);
    const short = T.randint(10, [5]).toArray();
    T.manualSeed(7);
    expect(short).toEqual(T.randint(0, 10, [5]).toArray());
    // Sizes as separate numbers, as torch.zeros(2, 3, dtype=...) takes them.
    expect(T.zeros(2, 3).shape).toEqual([2, 3]);
    expect(T.ones(2, 1, 2, { dtype: "float64" }).toArray()).toEqual([[[1, 1]], [[1, 1]]]);
    expect(T.empty(4).shape).toEqual([4]);
    T.manualSeed(3);
    const spread = T.randn(2, 3, { dtype: "float64" }).toArray();
    T.manualSeed(3);
    expect(spread).toEqual(T.randn([2, 3], { dtype: "float64" }).toArray());
    T.manualSeed(3);
    const flat = T.rand(5).toArray();
    T.manualSeed(3);
    expect(flat).toEqual(T.rand([5]).toArray());
    expect(() => T.zeros(2, "3" as never)).toThrow(
      'zeros(): argument 2 is the string "3"; sizes are numbers, and only an options object may follow them',
    );
    const loose = (f: unknown) => f as (...args: unknown[]) => unknown;
    expect(() => loose(T.rand)(2, {}, 3)).toThrow(/rand\(\): argument 2 is an object/);
    expect(() => loose(T.ones)([2], 3, {})).toThrow(/got 3 arguments after an array shape/);
    expect(() => loose(T.zeros)()).toThrow("zeros(): the shape goes first");
    expect(() => T.zeros(2, 2.5)).toThrow(/sizes must be integers/);
    expect(() => T.zeros(2, { dtpye: "float64" } as never)).toThrow(/dtpye/);
    expect(() => T.full([2], 3, 4 as never)).toThrow(/where its options object goes/);
    // The in-place random ops take only a generator: { genrator } would draw from the default one.
    const target = T.zeros([3]);
    expect(() => T.uniform_(target, 0, 1, { genrator: T.defaultGenerator } as never)).toThrow(
      'uniform_ got an unknown option "genrator"; its options are generator',
    );
    expect(() => T.normal_(target, 0, 1, { seed: 3 } as never)).toThrow(/normal_ got an unknown/);
    expect(() => T.bernoulli(target, { p: 0.5 } as never)).toThrow(/bernoulli got an unknown/);
    expect(() => T.bernoulli(target, 0.5, { p: 0.5 } as never)).toThrow(/bernoulli got an unknown/);
    expect(() => T.bernoulli(target, "0.5" as never)).toThrow("bernoulli: p must be a number");
    // torch.bernoulli(probs, generator=g): the options may come second.
    const probs = T.full([6], 0.5);
    const g = new T.Generator().manualSeed(5);
    const drawn = T.bernoulli(probs, { generator: g }).toArray();
    expect(drawn).toEqual(
      T.bernoulli(probs, undefined, { generator: new T.Generator().manualSeed(5) }).toArray(),
    );
    expect(() => T.random_(T.zeros([2], { dtype: "int64" }), 0, 5, { x: 1 } as never)).toThrow(
      /random_ got an unknown/,
    );
    expect(T.arange(1, 7, 2).toArray()).toEqual([1, 3, 5]);
    expect(T.arange(3).dtype).toBe("int64");
    expect(T.linspace(0, 1, 3).toArray()).toEqual([0, 0.5, 1]);
    expect(T.emptyLike(T.zeros([2], { dtype: "float64" })).dtype).toBe("float64");
    expect(() => T.tensor([[1, 2], [3]])).toThrow(T.ShapeError);
    expect(() => T.zeros([-1])).toThrow(/negative dimension/);
    const shared = new Float32Array([1, 2]);
    T.fromTypedArray(shared).fill_(5);
    expect(Array.from(shared)).toEqual([5, 5]);
  });
  it("refuses dims out of range with PyTorch's message", () => {
    const x = T.zeros([2, 3]);
    expect(() => x.sum(2)).toThrow(
      "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
    expect(() => x.select(0, 5)).toThrow(T.IndexError);
    expect(() => x.select(0, 5)).toThrow("index 5 is out of bounds for dimension 0 with size 2");
    expect(() => T.tensor([1, 2]).item()).toThrow(/cannot be converted to Scalar/);
  });
  it("refuses requiresGrad on non-float tensors", () => {
    expect(() => T.tensor([1n]).requiresGrad_()).toThrow(T.DTypeError);
  });
  it("type promotion follows PyTorch", () => {
    expect(T.resultType(T.tensor([1n]), 2.5)).toBe("float32");
    expect(T.resultType(T.tensor([1n]), 2)).toBe("int64");
    expect(T.resultType(T.tensor([true]), 2)).toBe("int64");
    expect(T.resultType(T.tensor([1]), T.tensor(1, { dtype: "float64" }))).toBe("float32");
    expect(T.resultType(T.tensor([1]), T.tensor([1], { dtype: "float64" }))).toBe("float64");
    expect(T.tensor([1n, 3n]).div(2n).dtype).toBe("float32");
    expect(T.tensor([true]).add(T.tensor([true])).dtype).toBe("bool");
    expect(() => T.tensor([true]).sub(T.tensor([true]))).toThrow(/Subtraction/);
    expect(() => T.tensor([true]).neg()).toThrow(/Negation/);
  });
});
