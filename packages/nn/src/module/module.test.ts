import { ones, type Tensor, tensor, zeros } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { ReLU } from "../activations/relu.js";
import { Tanh } from "../activations/tanh.js";
import { BatchNorm1d } from "../layers/batchNorm1d.js";
import { Dropout } from "../layers/dropout.js";
import { Linear } from "../layers/linear.js";
import { ModuleDict } from "../layers/moduleDict.js";
import { ModuleList } from "../layers/moduleList.js";
import { Sequential } from "../layers/sequential.js";
import { Buffer } from "./buffer.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

class Net extends Module {
  readonly scale = this.param("scale", new Parameter(ones([1])));
  readonly body = this.module("body", new Sequential(new Linear(3, 2), new ReLU()));
  readonly steps = this.buffer("steps", new Buffer(zeros([], { dtype: "int64" })));
  readonly cache = this.buffer("cache", zeros([2]), { persistent: false });
  readonly head = this.module("head", new Linear(2, 1, { bias: false }));
  forward(x: Tensor): Tensor {
    return this.head.call(this.body.call(x)).mul(this.scale);
  }
}

describe("Module", () => {
  it("registers parameters, buffers and children in definition order", () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      "scale",
      "body.0.weight",
      "body.0.bias",
      "head.weight",
    ]);
    expect(net.namedBuffers().map(([n]) => n)).toEqual(["steps", "cache"]);
    expect([...net.stateDict().keys()]).toEqual([
      "scale",
      "steps",
      "body.0.weight",
      "body.0.bias",
      "head.weight",
    ]);
    expect(net.namedModules().map(([n]) => n)).toEqual(["", "body", "body.0", "body.1", "head"]);
    expect(net.children()).toEqual([net.body, net.head]);
    expect(net.getSubmodule("body.0")).toBe(net.body.at(0));
    expect(() => net.getSubmodule("body.7")).toThrow("Sequential has no attribute `7`");
  });

  it("prints the tree as PyTorch's repr", () => {
    const net = new Sequential(
      new Linear(5, 4),
      new BatchNorm1d(4),
      new Tanh(),
      new Dropout(0.2),
      new Linear(4, 1),
    );
    expect(net.toString()).toBe(
      [
        "Sequential(",
        "  (0): Linear(in_features=5, out_features=4, bias=True)",
        "  (1): BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
        "  (2): Tanh()",
        "  (3): Dropout(p=0.2, inplace=False)",
        "  (4): Linear(in_features=4, out_features=1, bias=True)",
        ")",
      ].join("\n"),
    );
    const nested = new ModuleDict({ a: new Sequential(new ReLU()) });
    expect(nested.toString()).toBe("ModuleDict(\n  (a): Sequential(\n    (0): ReLU()\n  )\n)");
  });

  it("train/eval reach every descendant; apply visits children first", () => {
    const net = new Net().eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.modules().every((m) => m.training)).toBe(true);
    const seen: string[] = [];
    net.apply((m) => seen.push(m.getName()));
    expect(seen).toEqual(["Linear", "ReLU", "Sequential", "Linear", "Net"]);
  });

  it("zeroGrad zeroes in place by default (PyTorch 1.13) or drops gradients", () => {
    const net = new Net();
    net
      .call(ones([4, 3]))
      .sum()
      .backward();
    const grad = net.head.weight.grad!;
    net.zeroGrad();
    expect(net.head.weight.grad).toBe(grad);
    expect(grad.toArray()).toEqual([[0, 0]]);
    net.zeroGrad(true);
    expect(net.head.weight.grad).toBeNull();
  });

  it("requiresGrad_ freezes parameters", () => {
    const net = new Net().requiresGrad_(false);
    expect(net.parameters().some((p) => p.requiresGrad)).toBe(false);
  });

  it("refuses bad names and a name used for another kind of member", () => {
    const net = new Net();
    expect(() => net.registerParameter("a.b", null)).toThrow('parameter name can\'t contain "."');
    expect(() => net.registerBuffer("head", null)).toThrow("attribute 'head' already exists");
  });

  it("stateDict copies by default, shares on request", () => {
    const layer = new Linear(2, 2);
    const copy = layer.stateDict().get("weight")!;
    copy.fill_(7);
    expect(layer.weight.toArray()).not.toEqual([
      [7, 7],
      [7, 7],
    ]);
    const shared = layer.stateDict({ share: true }).get("weight")!;
    shared.fill_(7);
    expect(layer.weight.toArray()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(shared.requiresGrad).toBe(false);
  });

  it("Sequential, ModuleList and ModuleDict hold and index children", () => {
    const seq = new Sequential(
      new Map([
        ["first", new Linear(2, 3)],
        ["act", new ReLU()],
      ]),
    );
    expect([...seq.stateDict().keys()]).toEqual(["first.weight", "first.bias"]);
    expect(seq.length).toBe(2);
    expect(seq.at(-1)).toBeInstanceOf(ReLU);
    expect(() => seq.at(2)).toThrow("index 2 is out of range");
    const list = new ModuleList([new Linear(2, 2), new Linear(2, 2)]);
    expect([...list.stateDict().keys()]).toEqual(["0.weight", "0.bias", "1.weight", "1.bias"]);
    expect([...list].length).toBe(2);
    const dict = new ModuleDict({ a: new Linear(1, 1) });
    dict.set("b", new Linear(1, 1, { bias: false }));
    expect(dict.keys()).toEqual(["a", "b"]);
    expect([...dict.stateDict().keys()]).toEqual(["a.weight", "a.bias", "b.weight"]);
    expect(seq.call(tensor([[1, -1]])).shape).toEqual([1, 3]);
  });
});
