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
    expect(x.indexSelect(1, T.tensor([2n, 2n])).toArray()).toEqual([
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

describe("chunk and split of empty dims (torch 1.13)", () => {
  it("chunk of a size-0 dim gives `chunks` empty pieces", () => {
    // torch.chunk(torch.zeros(0), 3) -> 3 tensors of shape (0,)
    expect(T.chunk(T.zeros([0]), 3).map((p) => p.shape)).toEqual([[0], [0], [0]]);
    // torch.chunk(torch.zeros(2, 0), 4, 1) -> 4 tensors of shape (2, 0)
    expect(T.chunk(T.zeros([2, 0]), 4, 1).map((p) => p.shape)).toEqual([
      [2, 0],
      [2, 0],
      [2, 0],
      [2, 0],
    ]);
    // torch.chunk(torch.zeros(5), 4) -> shapes (2,), (2,), (1,)
    expect(T.chunk(T.zeros([5]), 4).map((p) => p.shape)).toEqual([[2], [2], [1]]);
    // torch.chunk(torch.tensor(1.), 2) -> RuntimeError: chunk expects at least a 1-dimensional tensor
    expect(() => T.chunk(T.tensor(1), 2)).toThrow("chunk expects at least a 1-dimensional tensor");
  });

  it("split of a size-0 dim gives one empty piece; split_size 0 needs a size-0 dim", () => {
    // torch.split(torch.zeros(0), 2) -> 1 tensor of shape (0,); same for split_size 0
    expect(T.split(T.zeros([0]), 2).map((p) => p.shape)).toEqual([[0]]);
    expect(T.split(T.zeros([0]), 0).map((p) => p.shape)).toEqual([[0]]);
    // torch.split(torch.zeros(0), [0, 0]) -> 2 tensors of shape (0,)
    expect(T.split(T.zeros([0]), [0, 0]).map((p) => p.shape)).toEqual([[0], [0]]);
    // torch.split(torch.zeros(3), 0) -> RuntimeError: split_size can only be 0 if dimension size
    // is 0, but got dimension size of 3
    expect(() => T.split(T.zeros([3]), 0)).toThrow(
      "split_size can only be 0 if dimension size is 0, but got dimension size of 3",
    );
    // torch.split(torch.tensor(1.), 1) -> RuntimeError: split expects at least a 1-dimensional tensor
    expect(() => T.split(T.tensor(1), 1)).toThrow(T.ShapeError);
  });
});

describe("cat with 1-d empty tensors (torch 1.13)", () => {
  it("promotes over the skipped empties too", () => {
    // torch.cat([torch.zeros(0, dtype=torch.float64), torch.tensor([[1., 2]])]) -> float64 (1, 2) [[1.0, 2.0]]
    const a = T.cat([T.zeros([0], { dtype: "float64" }), T.tensor([[1, 2]])]);
    expect([a.dtype, a.shape, a.toArray()]).toEqual(["float64", [1, 2], [[1, 2]]]);
    // torch.cat([torch.zeros(0, dtype=torch.bool), torch.tensor([[1, 2]])]) -> int64 (1, 2)
    expect(T.cat([T.zeros([0], { dtype: "bool" }), T.tensor([[1n, 2n]])]).dtype).toBe("int64");
  });

  it("returns a new promoted empty tensor when every input is empty", () => {
    // torch.cat([torch.zeros(0, dtype=torch.int64), torch.zeros(0)]) -> float32 (0,) []
    const e = T.zeros([0], { dtype: "int64" });
    const out = T.cat([e, T.zeros([0])]);
    expect([out.dtype, out.shape]).toEqual(["float32", [0]]);
    // torch.cat([e, torch.zeros(0)]) is e -> False; torch.cat([e]) is e -> False
    expect(out).not.toBe(e);
    expect(T.cat([e])).not.toBe(e);
    // torch.cat([torch.zeros(0), torch.zeros(0)], 3) -> tensor([]) (no dim check)
    expect(T.cat([T.zeros([0]), T.zeros([0])], 3).shape).toEqual([0]);
  });

  it("refuses 0-d inputs at any position", () => {
    // torch.cat([torch.zeros(0), torch.tensor(1.)]) -> RuntimeError: zero-dimensional tensor
    // (at position 1) cannot be concatenated
    expect(() => T.cat([T.zeros([0]), T.tensor(1)])).toThrow(
      "zero-dimensional tensor (at position 1) cannot be concatenated",
    );
  });

  it("backpropagates to empties and non-empties alike", () => {
    // a = torch.zeros(0, requires_grad=True); b = torch.tensor([[1., 2]], requires_grad=True)
    // torch.cat([a, b]).sum().backward(); a.grad -> tensor([]); b.grad -> tensor([[1., 1.]])
    const a = T.zeros([0], { requiresGrad: true });
    const b = T.tensor([[1, 2]], { requiresGrad: true });
    T.cat([a, b]).sum().backward();
    expect(a.grad?.shape).toEqual([0]);
    expect(b.grad?.toArray()).toEqual([[1, 1]]);
    // a, b = torch.zeros(0, requires_grad=True), torch.zeros(0, requires_grad=True)
    // c = torch.cat([a, b]); c.grad_fn -> CatBackward0; c.sum().backward(); a.grad -> tensor([])
    const p = T.zeros([0], { requiresGrad: true });
    const q = T.zeros([0], { requiresGrad: true });
    const c = T.cat([p, q]);
    expect(c.gradFn?.name).toBe("CatBackward0");
    c.sum().backward();
    expect([p.grad?.shape, q.grad?.shape]).toEqual([[0], [0]]);
  });
});

describe("index range and dtype checks (torch 1.13)", () => {
  const x = T.tensor([
    [1, 2],
    [3, 4],
  ]);

  it("indexSelect along dim 0 copies whole rows, short and long, of every dtype, from views too", () => {
    for (const dtype of ["float32", "float64", "int64", "bool"] as const) {
      for (const cols of [1, 3, 16, 40]) {
        const base = T.arange(6 * cols + 2).to(dtype);
        // rows of a tensor whose storage starts two elements in
        const x = base.narrow(0, 2, 6 * cols).reshape(6, cols);
        const index = T.tensor([5n, 0n, 5n, 2n]);
        const want = [5, 0, 5, 2].map((r) => x.select(0, r).toArray());
        expect(T.indexSelect(x, 0, index).toArray()).toEqual(want);
        // a strided index (every other element) and an empty one
        const picks = T.tensor([1n, 9n, 3n, 9n]).narrow(0, 0, 4);
        expect(T.indexSelect(x, 0, picks.reshape(2, 2).select(1, 0)).toArray()).toEqual([
          x.select(0, 1).toArray(),
          x.select(0, 3).toArray(),
        ]);
        expect(T.indexSelect(x, 0, T.tensor([], { dtype: "int64" })).shape).toEqual([0, cols]);
      }
    }
    // the same gradient as before: rows added back at their indices
    const w = T.ones([3, 2], { requiresGrad: true });
    T.indexSelect(w, 0, T.tensor([2n, 2n, 0n]))
      .sum()
      .backward();
    expect(w.grad!.toArray()).toEqual([
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
  });

  it("refuses negative indices", () => {
    // torch.index_select(x, 0, torch.tensor([-1])) -> IndexError: index out of range in self
    expect(() => T.indexSelect(x, 0, T.tensor([-1n]))).toThrow(T.IndexError);
    expect(() => T.indexSelect(x, 0, T.tensor([-1n]))).toThrow(
      "indexSelect(): index -1 is out of bounds for dimension 0 with size 2 (valid range [0, 2))",
    );
    // torch.gather(x, 1, torch.tensor([[-1], [0]])) -> RuntimeError: index -1 is out of bounds
    // for dimension 1 with size 2
    expect(() => T.gather(x, 1, T.tensor([[-1n], [0n]]))).toThrow(
      "gather(): index -1 is out of bounds for dimension 1 with size 2",
    );
    // torch.scatter(x, 0, torch.tensor([[-1]]), torch.tensor([[9.]])) -> RuntimeError: index -1
    // is out of bounds for dimension 0 with size 2 (same with the scalar src 9.)
    expect(() => T.scatter(x, 0, T.tensor([[-1n]]), T.tensor([[9]]))).toThrow(
      "scatter(): index -1 is out of bounds for dimension 0 with size 2",
    );
    expect(() => T.scatter(x, 0, T.tensor([[-1n]]), 9)).toThrow(T.IndexError);
    // torch.scatter_add(x, 0, torch.tensor([[-1]]), torch.tensor([[9.]])) -> RuntimeError: index
    // -1 is out of bounds for dimension 0 with size 2
    expect(() => T.scatterAdd(x, 0, T.tensor([[-1n]]), T.tensor([[9]]))).toThrow(
      "scatterAdd(): index -1 is out of bounds for dimension 0 with size 2",
    );
    // torch.index_add(x, 0, torch.tensor([-1]), torch.tensor([[9., 9]])) -> IndexError: index
    // out of range in self
    expect(() => T.indexAdd(x, 0, T.tensor([-1n]), T.tensor([[9, 9]]))).toThrow(
      "indexAdd(): index -1 is out of bounds for dimension 0 with size 2",
    );
  });

  it("refuses a src of another dtype than self", () => {
    const i = T.zeros([2], { dtype: "int64" });
    // torch.scatter(torch.zeros(2, dtype=torch.int64), 0, torch.tensor([1]), torch.tensor([2.5]))
    // -> RuntimeError: scatter(): Expected self.dtype to be equal to src.dtype
    expect(() => T.scatter(i, 0, T.tensor([1n]), T.tensor([2.5]))).toThrow(T.DTypeError);
    expect(() => T.scatter(i, 0, T.tensor([1n]), T.tensor([2.5]))).toThrow(
      "scatter(): Expected self.dtype to be equal to src.dtype",
    );
    // torch.scatter(torch.zeros(2, dtype=torch.int64), 0, torch.tensor([1]), 2.5) -> int64 [0, 2]
    expect(T.scatter(i, 0, T.tensor([1n]), 2.5).toArray()).toEqual([0, 2]);
    // torch.scatter_add(torch.zeros(2), 0, torch.tensor([1]), torch.tensor([2])) -> RuntimeError:
    // scatter(): Expected self.dtype to be equal to src.dtype
    expect(() => T.scatterAdd(T.zeros([2]), 0, T.tensor([1n]), T.tensor([2n]))).toThrow(
      "scatterAdd(): Expected self.dtype to be equal to src.dtype",
    );
    // torch.index_add(torch.zeros(2, dtype=torch.int64), 0, torch.tensor([1]), torch.tensor([2.5]))
    // -> RuntimeError: index_add_(): self (Long) and source (Float) must have the same scalar type
    expect(() => T.indexAdd(i, 0, T.tensor([1n]), T.tensor([2.5]))).toThrow(
      "indexAdd(): self (int64) and source (float32) must have the same scalar type",
    );
    // torch.index_add(torch.zeros(2), 0, torch.tensor([1]), torch.tensor([2.5], dtype=torch.float64))
    // -> RuntimeError: index_add_(): self (Float) and source (Double) must have the same scalar type
    expect(() =>
      T.indexAdd(T.zeros([2]), 0, T.tensor([1n]), T.tensor([2.5], { dtype: "float64" })),
    ).toThrow(T.DTypeError);
  });
});
