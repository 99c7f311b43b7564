import { describe, expect, it } from "vitest";
import * as T from "../index.js";

// Expected values: PyTorch 1.13 (/usr/bin/python3), the torch expression beside each case.
const VIEW_OF_LEAF =
  "a view of a leaf Variable that requires grad is being used in an in-place operation.";

describe("in-place ops on views", () => {
  it("refuse a view of a leaf that requires grad, as torch", () => {
    const w = T.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    // w.select(0,0).add_(10), w.narrow(1,0,1).mul_(2), w.t().zero_(), w.view(4).fill_(1),
    // w[:,1].copy_(...) -> RuntimeError: a view of a leaf Variable that requires grad ...
    expect(() => w.select(0, 0).add_(10)).toThrow(T.AutogradError);
    expect(() => w.select(0, 0).add_(10)).toThrow(VIEW_OF_LEAF);
    expect(() => w.narrow(1, 0, 1).mul_(2)).toThrow(VIEW_OF_LEAF);
    expect(() => w.t().zero_()).toThrow(VIEW_OF_LEAF);
    expect(() => w.view(4).fill_(1)).toThrow(VIEW_OF_LEAF);
    expect(() => w.select(1, 1).copy_(T.tensor([5, 6]))).toThrow(VIEW_OF_LEAF);
    expect(() => w.transpose(0, 1).reshape([4]).sub_(1)).not.toThrow(); // reshape copies here
    expect(w.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("allow a view of a leaf under noGrad", () => {
    const w = T.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    T.noGrad(() => w.select(0, 0).add_(10));
    // with no_grad(): w.select(0,0).add_(10) -> [[11, 12], [3, 4]]
    expect(w.toArray()).toEqual([
      [11, 12],
      [3, 4],
    ]);
  });

  it("rewrite the base's history through the view (CopySlices)", () => {
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    y.narrow(0, 0, 1).mul_(3);
    // y.narrow(0,0,1).mul_(3); y.sum().backward() -> y [6,4,6], x.grad [6,2,2], CopySlices
    expect(y.gradFn?.name).toBe("CopySlices");
    y.sum().backward();
    expect(y.toArray()).toEqual([6, 4, 6]);
    expect(x.grad?.toArray()).toEqual([6, 2, 2]);
  });

  it("make a base that did not require grad require it after a copy_ into its view", () => {
    const x = T.tensor([1, 2], { requiresGrad: true });
    const buf = T.zeros([3]);
    buf.narrow(0, 0, 2).copy_(x.mul(5));
    // buf.narrow(0,0,2).copy_(x*5); buf.sum().backward() -> buf [5,10,0], True, x.grad [5,5]
    expect(buf.requiresGrad).toBe(true);
    buf.sum().backward();
    expect(buf.toArray()).toEqual([5, 10, 0]);
    expect(x.grad?.toArray()).toEqual([5, 5]);
  });

  it("replay a view taken before its base was modified in place", () => {
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    const v = y.narrow(0, 1, 2);
    y.mul_(10);
    // v=y.narrow(0,1,2); y.mul_(10); v.sum().backward() -> v [40,60], x.grad [0,20,20]
    expect(v.gradFn?.name).toBe("AsStridedBackward0");
    v.sum().backward();
    expect(v.toArray()).toEqual([40, 60]);
    expect(x.grad?.toArray()).toEqual([0, 20, 20]);
  });

  it("handle views of non-contiguous views and sibling views", () => {
    const w = T.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const x = w.clone().requiresGrad_();
    const y = x.mul(1);
    y.t()
      .select(0, 1)
      .mul_(x.select(0, 0).narrow(0, 0, 2).detach().add(1));
    y.mul(w).sum().backward();
    // y.t().select(0,1).mul_(x[0,:2].detach()+1); (y*w).sum().backward()
    // -> y [[1,4,3],[4,15,6]], x.grad [[1,4,3],[4,15,6]]
    expect(y.toArray()).toEqual([
      [1, 4, 3],
      [4, 15, 6],
    ]);
    expect(x.grad?.toArray()).toEqual([
      [1, 4, 3],
      [4, 15, 6],
    ]);

    const x2 = T.tensor([1, 2, 3, 4], { requiresGrad: true });
    const y2 = x2.mul(1);
    const b = y2.view(2, 2).select(0, 1);
    const s = y2.slice(0, 0, 2);
    b.mul_(x2.slice(0, 0, 2));
    s.sum().add(y2.pow(2).sum()).backward();
    // a=y.view(2,2); b=a[1]; s=y[0:2]; b.mul_(x[:2]); (s.sum()+y.pow(2).sum()).backward()
    // -> y [1,2,3,8], x.grad [21,69,6,32]
    expect(y2.toArray()).toEqual([1, 2, 3, 8]);
    expect(x2.grad?.toArray()).toEqual([21, 69, 6, 32]);
  });

  it("record fill_ and zero_ on non-leaves with a zero gradient", () => {
    const x = T.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.fill_(2);
    // y=x*3; y.fill_(2) -> requires_grad True, FillBackward2; (y*x).sum().backward() -> [2, 2]
    expect(y.requiresGrad).toBe(true);
    expect(y.gradFn?.name).toBe("FillBackward2");
    y.mul(x).sum().backward();
    expect(x.grad?.toArray()).toEqual([2, 2]);

    const x3 = T.tensor([1, 2, 3], { requiresGrad: true });
    const y3 = x3.mul(3);
    y3.slice(0, 1).zero_();
    y3.sum().backward();
    // y=x*3; y[1:].zero_(); y.sum().backward() -> x.grad [3, 0, 0]
    expect(x3.grad?.toArray()).toEqual([3, 0, 0]);
  });
});
