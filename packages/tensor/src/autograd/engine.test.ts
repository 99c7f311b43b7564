import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { CHUNK, setSimdEnabled } from "../kernels/wasm/simd.js";

describe("autograd engine", () => {
  it("accumulates into .grad across backward calls and reduces broadcasts", () => {
    const w = T.ones([3], { requiresGrad: true });
    const x = T.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    x.mul(w).sum().backward();
    expect(w.grad?.toArray()).toEqual([5, 7, 9]);
    x.mul(w).sum().backward();
    expect(w.grad?.toArray()).toEqual([10, 14, 18]);
    w.grad?.zero_();
    expect(w.grad?.toArray()).toEqual([0, 0, 0]);
  });
  it("accumulates large float32 gradients on the add kernel with the loop's bits", () => {
    for (const n of [300, CHUNK + 7]) {
      const run = () => {
        T.manualSeed(n);
        const w = T.randn([n]).requiresGrad_();
        const x = T.randn([n]);
        w.mul(x).sum().backward();
        w.mul(x).mul(3.3).sum().backward();
        return Array.from(new Uint32Array((w.grad!.toTypedArray() as Float32Array).buffer));
      };
      const viaKernel = run();
      setSimdEnabled(false);
      const viaLoop = run();
      setSimdEnabled(true);
      expect(viaKernel).toEqual(viaLoop);
    }
  });
  it("names backward nodes as PyTorch does and marks leaves", () => {
    const a = T.tensor([1, 2], { requiresGrad: true });
    const b = a.add(1).mul(a).sum();
    expect(a.isLeaf).toBe(true);
    expect(b.isLeaf).toBe(false);
    expect(b.gradFn?.name).toBe("SumBackward0");
    expect(b.gradFn?.next[0]?.name).toBe("MulBackward0");
    expect(a.matmul(a).gradFn?.name).toBe("DotBackward0");
    expect(a.view(2, 1).gradFn?.name).toBe("ViewBackward0");
    expect(a.exp().gradFn?.name).toBe("ExpBackward0");
  });
  it("refuses implicit gradients of non-scalars and a second pass through a freed graph", () => {
    const a = T.tensor([1, 2], { requiresGrad: true });
    expect(() => a.mul(2).backward()).toThrow(
      "grad can be implicitly created only for scalar outputs",
    );
    const y = a.mul(a).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
    const z = a.mul(a).sum();
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expect(a.grad?.toArray()).toEqual([2 + 4, 4 + 8]);
    expect(() => T.tensor([1]).sum().backward()).toThrow(T.AutogradError);
  });
  it("takes an explicit gradient for non-scalar outputs", () => {
    const a = T.tensor([1, 2], { requiresGrad: true });
    a.mul(3).backward(T.tensor([1, 10]));
    expect(a.grad?.toArray()).toEqual([3, 30]);
  });
  it("retains gradients of non-leaves on request", () => {
    const a = T.tensor([1, 2], { requiresGrad: true });
    const h = a.mul(2);
    h.retainGrad();
    expect(h.retainsGrad).toBe(true);
    h.pow(2).sum().backward();
    expect(h.grad?.toArray()).toEqual([4, 8]);
    expect(a.grad?.toArray()).toEqual([8, 16]);
  });
  it("detaches, and records nothing under noGrad (restoring the mode after errors)", () => {
    const a = T.tensor([1, 2], { requiresGrad: true });
    expect(a.detach().requiresGrad).toBe(false);
    expect(T.noGrad(() => a.mul(2)).requiresGrad).toBe(false);
    expect(() =>
      T.noGrad(() => {
        throw new Error("inside");
      }),
    ).toThrow("inside");
    expect(T.isGradEnabled()).toBe(true);
    expect(T.noGrad(() => T.enableGrad(() => a.mul(2))).requiresGrad).toBe(true);
  });
  it("sends gradients through dtype casts back in the input's dtype", () => {
    const a = T.tensor([1, 2], { requiresGrad: true });
    const b = T.tensor([3, 4], { dtype: "float64" });
    a.mul(b).sum().backward();
    expect(a.grad?.dtype).toBe("float32");
    expect(a.grad?.toArray()).toEqual([3, 4]);
  });
  it("handles in-place ops: refused on leaves, recorded on non-leaves, free under noGrad", () => {
    const w = T.tensor([1, 2], { requiresGrad: true });
    expect(() => w.add_(1)).toThrow(
      "a leaf Variable that requires grad is being used in an in-place operation.",
    );
    T.noGrad(() => w.sub_(T.tensor([0.5, 0.5]), 2));
    expect(w.toArray()).toEqual([0, 1]);
    const h = w.mul(3);
    h.mul_(h);
    expect(h.gradFn?.name).toBe("MulBackward0");
    h.sum().backward();
    expect(w.grad?.toArray()).toEqual([0, 18]);
    const plain = T.zeros([2]);
    plain.add_(w);
    expect(plain.requiresGrad).toBe(true);
    expect(() => T.tensor([1n]).add_(0.5)).toThrow(/can't be cast/);
  });
  it("changing requiresGrad of non-leaves is refused", () => {
    const a = T.tensor([1], { requiresGrad: true }).mul(2);
    expect(() => {
      a.requiresGrad = false;
    }).toThrow(/leaf variables/);
  });
});

describe("a second backward without retainGraph", () => {
  it("works through nodes that save no tensors and fails where tensors were freed", () => {
    const x = T.tensor([1, 2], { requiresGrad: true });
    const y = x.sum();
    y.backward();
    y.backward();
    // y=x.sum(); y.backward(); y.backward() -> x.grad tensor([2., 2.])
    expect((x.grad as T.Tensor | null)?.toArray()).toEqual([2, 2]);
    x.grad = null;
    const z = x.add(1).view(2, 1).t().mean();
    z.backward();
    z.backward();
    // z=(x+1).view(2,1).t().mean(); z.backward(); z.backward() -> x.grad tensor([1., 1.])
    expect((x.grad as T.Tensor | null)?.toArray()).toEqual([1, 1]);
    const m = x.mul(x).sum();
    m.backward();
    // (x*x).sum() twice -> RuntimeError: Trying to backward through the graph a second time ...
    expect(() => m.backward()).toThrow(T.AutogradError);
    expect(() => m.backward()).toThrow(/backward through the graph a second time/);
  });
});
