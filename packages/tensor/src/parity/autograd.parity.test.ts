import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { closeTo, flat, readFixture } from "../testing/fixtures.js";

type Entry = {
  x: number[][];
  w1: number[][];
  b1: number[];
  w2: number[][];
  b2: number[];
  target: number[];
  loss: number;
  nll: number;
  grads: Record<"w1" | "b1" | "w2" | "b2", unknown>;
};
const fixture = readFixture<Record<"float32" | "float64", Entry>>("autograd");

for (const dtype of ["float32", "float64"] as const) {
  describe(`gradients of a chain of ops match PyTorch (${dtype})`, () => {
    it("matches loss and gradients of an MLP with log-softmax, gather, std, max and clamp", () => {
      const d = fixture[dtype];
      const x = T.tensor(d.x, { dtype });
      const w1 = T.tensor(d.w1, { dtype, requiresGrad: true });
      const b1 = T.tensor(d.b1, { dtype, requiresGrad: true });
      const w2 = T.tensor(d.w2, { dtype, requiresGrad: true });
      const b2 = T.tensor(d.b2, { dtype, requiresGrad: true });
      const target = T.tensor(d.target, { dtype: "int64" });
      const h = x.matmul(w1).add(b1).tanh();
      const logits = h.matmul(w2).add(b2);
      const logp = logits.logSoftmax(1);
      const nll = logp.gather(1, target.unsqueeze(1)).mean().neg();
      const reg = h.sigmoid().mul(h.exp()).sum().div(10).add(w1.pow(2).sum().mul(0.01));
      const spread = logits
        .std(0)
        .mean()
        .add(logits.sub(0.5).relu().max())
        .add(h.clamp(-0.5, 0.5).mean());
      const loss = nll.add(reg).add(spread);
      loss.backward();
      const rtol = dtype === "float32" ? 2e-5 : 1e-11;
      expect(closeTo([loss.item(), nll.item()], [d.loss, d.nll], rtol, rtol)).toBeNull();
      for (const [name, param] of Object.entries({ w1, b1, w2, b2 })) {
        const want = d.grads[name as keyof Entry["grads"]];
        expect(param.grad?.shape).toEqual(param.shape);
        expect(closeTo(flat(param.grad!.toArray()), flat(want), rtol * 10, rtol)).toBeNull();
      }
      expect(loss.gradFn?.name).toBe("AddBackward0");
    });
  });
}
