import { describe, expect, it } from "vitest";
import * as T from "../index.js";

// torch 1.13, for every op marked "raises" below:
// RuntimeError: unsupported operation: more than one element of the written-to tensor refers to a
// single memory location. Please clone() the tensor before performing the operation.
const MESSAGE =
  "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.";

/** `torch.zeros(3, 1).expand(3, 2)`: a dim of stride 0 and size 2. */
const expanded = () => T.zeros([3, 1]).expand([3, 2]);

describe("in-place writes into overlapping memory (torch 1.13)", () => {
  it("raises for every in-place op but fill_/zero_ on an expanded tensor", () => {
    // torch.zeros(3, 1).expand(3, 2).add_(1)  -> raises (also under torch.no_grad())
    expect(() => expanded().add_(1)).toThrow(MESSAGE);
    expect(() => expanded().add_(1)).toThrow(T.ShapeError);
    expect(() => T.noGrad(() => expanded().add_(1))).toThrow(MESSAGE);
    // ....add_(torch.ones(3, 2)), .sub_(1), .mul_(2), .div_(2), .clamp_(0, 1) -> raises
    expect(() => expanded().add_(T.ones([3, 2]))).toThrow(MESSAGE);
    expect(() => expanded().sub_(1)).toThrow(MESSAGE);
    expect(() => expanded().mul_(2)).toThrow(MESSAGE);
    expect(() => expanded().div_(2)).toThrow(MESSAGE);
    expect(() => expanded().clamp_(0, 1)).toThrow(MESSAGE);
    // ....copy_(torch.ones(3, 2)), .uniform_(), .normal_() -> raises
    expect(() => expanded().copy_(T.ones([3, 2]))).toThrow(MESSAGE);
    expect(() => expanded().uniform_()).toThrow(MESSAGE);
    expect(() => expanded().normal_()).toThrow(MESSAGE);
    // torch.tensor(0.).expand(3).add_(1) -> raises
    expect(() => T.tensor(0).expand([3]).add_(1)).toThrow(MESSAGE);
    // (torch.zeros(3, 1, requires_grad=True) * 1).expand(3, 2).add_(1) -> raises
    const h = T.zeros([3, 1], { requiresGrad: true }).mul(1);
    expect(() => h.expand([3, 2]).add_(1)).toThrow(MESSAGE);
    // torch.zeros(3, 1).expand(3, 2).fill_(1) -> [[1., 1.], [1., 1.], [1., 1.]]; .zero_() works too
    expect(expanded().fill_(1).toArray()).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(expanded().zero_().toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it("allows stride-0 dims of size 0 or 1 and ordinary views", () => {
    // torch.zeros(3, 1).expand(3, 1).add_(1) -> [[1.], [1.], [1.]]
    expect(T.zeros([3, 1]).expand([3, 1]).add_(1).toArray()).toEqual([[1], [1], [1]]);
    // torch.zeros(0, 1).expand(0, 2).add_(1) -> tensor([], size=(0, 2))
    expect(T.zeros([0, 1]).expand([0, 2]).add_(1).shape).toEqual([0, 2]);
    // torch.zeros(2, 3).t().add_(1) -> ones (3, 2)
    expect(T.zeros([2, 3]).t().add_(1).toArray()).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    // b = torch.zeros(6); b[::2].add_(1); b -> [1., 0., 1., 0., 1., 0.]
    const b = T.zeros([6]);
    T.slice(b, 0, 0, 6, 2).add_(1);
    expect(b.toArray()).toEqual([1, 0, 1, 0, 1, 0]);
  });
});
