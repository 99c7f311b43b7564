import { describe, expect, it } from "vitest";
import * as T from "../index.js";

// Expected counts are PyTorch 1.13's `_version` for the same calls.
describe("version counters", () => {
  it("start at 0 for every new tensor, whatever made it", () => {
    T.manualSeed(0);
    const made = [
      T.zeros([3]),
      T.ones([3]),
      T.randn([3]),
      T.rand([2]),
      T.randint(0, 5, [3]),
      T.full([2], 3),
      T.arange(0, 3),
      T.eye(2),
      T.tensor([1]),
      T.randn([3]).mean(),
      T.randn([3, 2]).softmax(1),
      T.randn([3, 2]).logSoftmax(1),
      T.ones([3]).exp(),
      T.ones([3]).clone(),
      T.indexAdd(T.zeros([3]), 0, T.tensor([0, 0], { dtype: "int64" }), T.ones([2])),
    ];
    expect(made.map((t) => t.version)).toEqual(made.map(() => 0));
  });

  it("count one write per in-place op, with or without grad", () => {
    // empty(3): uniform_ → 1, normal_ → 2
    const e = T.empty([3]);
    expect([e.uniform_().version, e.normal_().version]).toEqual([1, 2]);
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(1);
    y.mul_(2);
    expect(y.version).toBe(1);
    y.clamp_(0, 1);
    expect(y.version).toBe(2);
    y.copy_(T.zeros([3]));
    y.fill_(1);
    y.zero_();
    expect(y.version).toBe(5);
    const z = T.zeros([3]);
    z.add_(1);
    z.sub_(1, 2);
    z.div_(2);
    T.noGrad(() => z.mul_(3));
    T.random_(z, 0, 4);
    expect(z.version).toBe(5);
  });

  it("are shared by views and detached aliases", () => {
    // x.add_(1): x, x.view(3), x.detach() and x[:1] all at 1
    const x = T.ones([3]);
    x.add_(1);
    expect([x.version, x.view([3]).version, x.detach().version, x.narrow(0, 0, 1).version]).toEqual(
      [1, 1, 1, 1],
    );
    const v = x.narrow(0, 1, 2);
    v.mul_(2);
    x.detach().zero_();
    expect([x.version, v.version]).toEqual([3, 3]);
  });

  it("move with incrementVersion, for code writing storages directly", () => {
    const w = T.ones([2]);
    T.incrementVersion(w);
    T.incrementVersion(w.t());
    expect(w.version).toBe(2);
  });

  it("regenerate a leaf's view's node after the leaf changed under noGrad", () => {
    // m = ones(2,3, requires_grad); y = m.t(); with no_grad: m.add_(1); y.grad_fn → AsStridedBackward0
    const m = T.ones([2, 3], { requiresGrad: true });
    const y = m.t();
    T.noGrad(() => m.add_(1));
    expect(y.gradFn?.name).toBe("AsStridedBackward0");
    y.sum().backward();
    expect(m.grad!.toArray()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });
});
