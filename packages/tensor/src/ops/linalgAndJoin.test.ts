import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { randomTensor } from "../testing/random.js";

function naiveMatmul(a: T.Tensor, b: T.Tensor): number[][] {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1]!;
  const x = a.toArray() as number[][];
  const y = b.toArray() as number[][];
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let p = 0; p < k; p++) s += x[i]![p]! * y[p]![j]!;
      return s;
    }),
  );
}

describe("matmul", () => {
  it("matches a naive product for blocked sizes and strided inputs", () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [5, 7, 3],
      [33, 70, 65],
      [70, 300, 9],
    ] as const) {
      const a = randomTensor([m, k], m);
      const b = randomTensor([n, k], n).t();
      const got = T.mm(a, b).toArray() as number[][];
      const want = naiveMatmul(a, b);
      for (const [i, row] of got.entries()) {
        for (const [j, v] of row.entries()) expect(v).toBeCloseTo(want[i]![j]!, 10);
      }
      const f32 = T.mm(a.float(), b.float());
      expect(f32.dtype).toBe("float32");
    }
  });
  it("multiplies int64 exactly and refuses bool", () => {
    const a = T.tensor([[2n ** 40n, 1n]]);
    expect(T.mm(a, T.tensor([[2n ** 12n], [3n]])).toTypedArray()).toEqual(
      new BigInt64Array([2n ** 52n + 3n]),
    );
    expect(() => T.mm(T.tensor([[true]]), T.tensor([[true]]))).toThrow(T.DTypeError);
  });
  it("names both shapes on mismatch", () => {
    expect(() => T.mm(T.zeros([2, 3]), T.zeros([4, 5]))).toThrow(
      "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
    );
    expect(() => T.matmul(T.zeros([2, 3]), T.zeros([2]))).toThrow(T.ShapeError);
    expect(() => T.bmm(T.zeros([2, 3, 4]), T.zeros([3, 4, 5]))).toThrow(T.ShapeError);
  });
});

describe("joining and splitting", () => {
  it("cat, stack, split and chunk", () => {
    const a = T.tensor([[1, 2]]);
    const b = T.tensor([
      [3, 4],
      [5, 6],
    ]);
    expect(T.cat([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(T.cat([a, T.tensor([[7n]])], 1).dtype).toBe("float32");
    expect(() => T.cat([a, T.zeros([1, 3])], 0)).toThrow(
      /Sizes of tensors must match except in dimension 0/,
    );
    expect(T.stack([a, a]).shape).toEqual([2, 1, 2]);
    expect(T.split(b, 1).map((p) => p.toArray())).toEqual([[[3, 4]], [[5, 6]]]);
    expect(T.chunk(T.arange(6), 4).map((p) => p.numel())).toEqual([2, 2, 2]);
    expect(() => T.split(T.arange(3), [1, 1])).toThrow(/sum exactly to 3/);
  });
});

describe("indexing", () => {
  it("gather, scatter, scatterAdd, indexSelect, indexAdd and maskedFill", () => {
    const x = T.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      x
        .gather(
          1,
          T.tensor([
            [2n, 0n],
            [1n, 1n],
          ]),
        )
        .toArray(),
    ).toEqual([
      [3, 1],
      [5, 5],
    ]);
    expect(x.gather(0, T.tensor([[1n, 0n, 1n]])).toArray()).toEqual([[4, 2, 6]]);
    expect(() => x.gather(1, T.tensor([[3n]]))).toThrow(
      "index 3 is out of bounds for dimension 1 with size 3",
    );
    expect(() => x.gather(1, T.tensor([[1]]))).toThrow(T.DTypeError);
    expect(
      T.zeros([2, 2])
        .scatter(0, T.tensor([[1n, 0n]]), T.tensor([[7, 8]]))
        .toArray(),
    ).toEqual([
      [0, 8],
      [7, 0],
    ]);
    expect(x.indexSelect(1, T.tensor([2n, -1n])).toArray()).toEqual([
      [3, 3],
      [6, 6],
    ]);
    expect(T.indexAdd(T.zeros([2, 2]), 0, T.tensor([1n, 1n]), T.ones([2, 2])).toArray()).toEqual([
      [0, 0],
      [2, 2],
    ]);
    expect(x.maskedFill(T.tensor([true, false, false]), -1).toArray()).toEqual([
      [-1, 2, 3],
      [-1, 5, 6],
    ]);
  });
});

describe("in-place ops", () => {
  it("write into the tensor, broadcast the other operand, and work on views", () => {
    const x = T.zeros([2, 3]);
    x.add_(T.tensor([1, 2, 3]))
      .mul_(2)
      .sub_(1)
      .div_(2);
    expect(x.toArray()).toEqual([
      [0.5, 1.5, 2.5],
      [0.5, 1.5, 2.5],
    ]);
    x.select(1, 0).fill_(9);
    x.t().narrow(0, 2, 1).mul_(0);
    expect(x.toArray()).toEqual([
      [9, 1.5, 0],
      [9, 1.5, 0],
    ]);
    x.clamp_(1, 2);
    expect(x.toArray()).toEqual([
      [2, 1.5, 1],
      [2, 1.5, 1],
    ]);
    x.copy_(T.tensor([[1n], [2n]]));
    expect(x.toArray()).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    // As in PyTorch: shapes that do not broadcast at all get the broadcasting error; shapes that
    // broadcast to something other than self's shape get "doesn't match the broadcast shape".
    expect(() => x.add_(T.zeros([3, 3]))).toThrow(
      "the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    );
    expect(() => x.add_(T.zeros([2, 2, 3]))).toThrow(
      "add_: output with shape [2, 3] doesn't match the broadcast shape [2, 2, 3]",
    );
    expect(() => x.mul_(T.zeros([1, 2, 3]))).toThrow(/doesn't match the broadcast shape/);
    x.zero_();
    expect(x.sum().item()).toBe(0);
  });
});
