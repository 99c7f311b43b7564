import { describe, expect, it } from "vitest";
import { AutogradError } from "../errors.js";
import * as T from "../index.js";

const MODIFIED =
  "one of the variables needed for gradient computation has been modified by an inplace operation: ";

/** The error `fn` throws, or null. */
function errorOf(fn: () => unknown): Error | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e as Error;
  }
}

/** The part of a modified-tensor message PyTorch and Kindling share (up to "instead."). */
function modifiedMessage(fn: () => unknown): string {
  const error = errorOf(fn);
  expect(error).toBeInstanceOf(AutogradError);
  const message = error!.message;
  return message.slice(0, message.indexOf("instead.") + "instead.".length);
}

// Expected messages are PyTorch 1.13's, from the same program run under torch (quoted per test).
describe("saved tensors modified in place", () => {
  it("names a saved output by its own node", () => {
    // y = x.exp(); y.add_(1); y.sum().backward()
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.exp();
    y.add_(1);
    expect(modifiedMessage(() => y.sum().backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.`,
    );
  });

  it("names a saved input by the node that produced it last", () => {
    // y = x*1; z = y*y; y.add_(1); z.sum().backward()
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(1);
    const z = y.mul(y);
    y.add_(1);
    expect(modifiedMessage(() => z.sum().backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead.`,
    );
  });

  it("saves an operand only when a gradient needs it", () => {
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    // y*w with constant w: y is not saved, so changing y is fine (PyTorch: no error) ...
    const w = T.ones([3]);
    const y = x.mul(1);
    const z = y.mul(w);
    y.add_(1);
    z.sum().backward();
    expect(x.grad!.toArray()).toEqual([1, 1, 1]);
    // ... but w is, for y's gradient: [torch.FloatTensor [3]] is at version 1; expected version 0
    const z2 = x.mul(1).mul(w);
    w.add_(1);
    expect(modifiedMessage(() => z2.sum().backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [3]] is at version 1; expected version 0 instead.`,
    );
  });

  it("counts writes under noGrad, through detach() and through views", () => {
    const message = `${MODIFIED}[torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead.`;
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const a = x.exp();
    T.noGrad(() => a.mul_(2));
    expect(modifiedMessage(() => a.sum().backward())).toBe(message);
    const b = x.exp();
    b.detach().mul_(2);
    expect(modifiedMessage(() => b.sum().backward())).toBe(message);
    // y = x.tanh(); y[:2].mul_(2); y.sum().backward()
    const c = x.tanh();
    c.narrow(0, 0, 2).mul_(2);
    expect(modifiedMessage(() => c.sum().backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [3]], which is output 0 of TanhBackward0, is at version 1; expected version 0 instead.`,
    );
  });

  it("catches a leaf changed between forward and backward, as by an optimizer step", () => {
    // w leaf; y = (x*w).sum(); with no_grad: w.sub_(0.1); y.backward()
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const w = T.ones([3], { requiresGrad: true });
    const y = x.mul(w).sum();
    T.noGrad(() => w.sub_(0.1));
    expect(modifiedMessage(() => y.backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [3]] is at version 1; expected version 0 instead.`,
    );
  });

  it("names dtypes and shapes as PyTorch does", () => {
    // a = ones(2,3, float64, requires_grad)*1; z = a.pow(2); a.add_(1); backward
    const a = T.ones([2, 3], { dtype: "float64", requiresGrad: true }).mul(1);
    const z = a.pow(2);
    a.add_(1);
    expect(modifiedMessage(() => z.sum().backward())).toBe(
      `${MODIFIED}[torch.DoubleTensor [2, 3]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead.`,
    );
    // m requires grad, a constant [4, 2]: y = a @ m; a.add_(1); backward
    const m = T.ones([2, 3], { requiresGrad: true });
    const c = T.ones([4, 2]);
    const y = c.matmul(m);
    c.add_(1);
    expect(modifiedMessage(() => y.sum().backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [4, 2]] is at version 1; expected version 0 instead.`,
    );
    // v, i = (m*1).max(1); i.add_(0): the indices, an output without a gradient, name no node
    const n = T.tensor(
      [
        [1, 5],
        [3, 2],
      ],
      { requiresGrad: true },
    );
    const { values, indices } = n.mul(1).max(1);
    indices.add_(0);
    expect(modifiedMessage(() => values.sum().backward())).toBe(
      `${MODIFIED}[torch.LongTensor [2]] is at version 1; expected version 0 instead.`,
    );
  });

  it("gives linear's weight as the transposed view PyTorch saves", () => {
    const x = T.tensor([[1, 2, 3]], { requiresGrad: true });
    const w = T.ones([2, 3], { requiresGrad: true });
    const y = T.linear(x, w, T.zeros([2]));
    T.noGrad(() => w.mul_(2));
    expect(modifiedMessage(() => y.sum().backward())).toBe(
      `${MODIFIED}[torch.FloatTensor [3, 2]], which is output 0 of AsStridedBackward0, is at version 1; expected version 0 instead.`,
    );
  });

  it("lets changes PyTorch's formulas do not read go through", () => {
    // z = (a*1)/b; z.add_(1); z.sum().backward(): PyTorch divides again, no error
    const a = T.tensor([1, 2, 3], { requiresGrad: true });
    const b = T.tensor([2, 4, 5], { requiresGrad: true });
    const z = a.mul(1).div(b);
    z.add_(1);
    z.sum().backward();
    expect(a.grad!.toArray()).toEqual([0.5, 0.25, 0.20000000298023224]);
    expect(b.grad!.toArray()).toEqual([-0.25, -0.125, -0.12000000476837158]);
    // y = x*1; z = y.sum(); y.add_(1); z.backward(): a sum saves nothing
    const x = T.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(1);
    const s = y.sum();
    y.add_(1);
    s.backward();
    expect(x.grad!.toArray()).toEqual([1, 1, 1]);
  });
});

describe("a second backward without retainGraph", () => {
  it("works through nodes that saved nothing and throws through those that did", () => {
    // PyTorch: floor and sign twice give [0, 0]; x + 2 twice [2, 2]; x * 2 twice raises
    const x = T.tensor([1.5, -2.5], { requiresGrad: true });
    for (const y of [T.floor(x), T.sign(x), x.add(2)]) {
      y.backward(T.ones([2]));
      y.backward(T.ones([2]));
    }
    expect(x.grad!.toArray()).toEqual([2, 2]);
    const z = x.mul(2);
    z.backward(T.ones([2]));
    expect(errorOf(() => z.backward(T.ones([2])))?.message).toMatch(
      /^Trying to backward through the graph a second time/,
    );
  });
});
