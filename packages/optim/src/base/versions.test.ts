import { AutogradError, noGrad, ones, type Tensor, tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import * as O from "../index.js";

type Make = (params: Tensor[]) => { step(): void };

// PyTorch 1.13: p._version grows by these counts per step (its update ops on the parameter:
// AdamW's decay and step, NAdam's two addcdiv_, ASGD's mul_ and add_, one op for the rest), the same at every step.
const WRITES: [string, Make, number][] = [
  ["SGD", (p) => new O.SGD(p, { lr: 0.1 }), 1],
  ["SGD, momentum", (p) => new O.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true }), 1],
  ["Adam", (p) => new O.Adam(p), 1],
  ["Adam, amsgrad", (p) => new O.Adam(p, { amsgrad: true, weightDecay: 0.1 }), 1],
  ["AdamW", (p) => new O.AdamW(p), 2],
  ["AdamW, no decay", (p) => new O.AdamW(p, { weightDecay: 0 }), 2],
  ["Adagrad", (p) => new O.Adagrad(p), 1],
  ["Adadelta", (p) => new O.Adadelta(p), 1],
  ["RMSprop", (p) => new O.RMSprop(p), 1],
  ["RMSprop, centered", (p) => new O.RMSprop(p, { momentum: 0.9, centered: true }), 1],
  ["Adamax", (p) => new O.Adamax(p), 1],
  ["NAdam", (p) => new O.NAdam(p), 2],
  ["RAdam", (p) => new O.RAdam(p), 1],
  ["ASGD", (p) => new O.ASGD(p), 2],
  ["Rprop", (p) => new O.Rprop(p), 1],
];

describe("optimizer steps count on the parameters' version counters", () => {
  it.each(WRITES)("%s", (_name, make, writes) => {
    const p = ones([3], { requiresGrad: true });
    const opt = make([p]);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      p.mul(p).sum().backward();
      const before = p.version;
      opt.step();
      counts.push(p.version - before);
    }
    expect(counts).toEqual([writes, writes, writes]);
  });

  it("so a backward through a graph from before the step throws, as PyTorch's", () => {
    // w = ones(2, 2, requires_grad); loss = (x @ w.t()).sum(); loss.backward(retain_graph=True);
    // opt.step(); loss.backward() → PyTorch's message, up to its hint:
    const w = ones([2, 2], { requiresGrad: true });
    noGrad(() => w.uniform_()); // as nn.Linear's init: version 1
    const x = tensor([1, 2], { requiresGrad: true });
    const opt = new O.SGD([w], { lr: 0.1 });
    const loss = x.matmul(w.t()).sum();
    loss.backward(undefined, { retainGraph: true });
    opt.step();
    let error: unknown = null;
    try {
      loss.backward();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AutogradError);
    expect((error as Error).message).toMatch(
      /^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch\.FloatTensor \[2, 2\]\], which is output 0 of AsStridedBackward0, is at version 2; expected version 1 instead\./,
    );
  });
});
