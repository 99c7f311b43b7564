import { manualSeed, tanh } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { mseLoss } from "../functional/losses/mseLoss.js";
import { type FixtureTensor, flat, fromFlat, loadFixture } from "../testing/fixtures.js";
import { netClass1, netClass2, netClass3, netClass4 } from "./netClass.js";

interface CourseFixture {
  [name: string]: { keys: string[]; params: string[]; repr: string };
}
const course = loadFixture<CourseFixture & { strict_error: string }>("course");
const init = loadFixture<{ net_class2_seed24: Record<string, FixtureTensor> }>("init");

describe("the course's networks", () => {
  const builders = {
    net_class1: netClass1,
    net_class2: netClass2,
    net_class3: netClass3,
    net_class4: netClass4,
  };
  for (const [name, build] of Object.entries(builders)) {
    it(`${name} has PyTorch's state-dict keys, parameter order and repr`, () => {
      const net = build({ actFun: tanh, inFeatures: 5 });
      const expected = course[name]!;
      expect([...net.stateDict().keys()]).toEqual(expected.keys);
      expect(net.namedParameters().map(([n]) => n)).toEqual(expected.params);
      expect(net.toString()).toBe(expected.repr);
    });
  }

  it("manualSeed(24) then net_class2(tanh, 5, BN 'pre') gives PyTorch's initial weights bit for bit", () => {
    manualSeed(24);
    const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
    const sd = net.stateDict();
    const expected = init.net_class2_seed24;
    expect([...sd.keys()]).toEqual(Object.keys(expected));
    for (const [key, entry] of Object.entries(expected)) {
      const t = sd.get(key)!;
      expect(t.shape, key).toEqual(entry.shape);
      expect(t.dtype, key).toBe(entry.dtype);
      expect(flat(t), key).toEqual(entry.values);
    }
  });
});

interface SeedNetCase {
  x: number[];
  y: number[];
  loss: number;
  grads: Record<string, number[] | null>;
  eval_output: number[];
  state_after: Record<string, FixtureTensor>;
}

/*
 * Every value of the first step is PyTorch's bit for bit: the Linear products in the reference
 * BLAS's order, tanh as SLEEF computes it, BatchNorm as PyTorch's channels-last CPU kernels, the
 * loss and the bias gradients by PyTorch's cascade sum.
 */
describe("the seed network's first step against PyTorch (float32), bit for bit", () => {
  for (const bnModel of ["pre", "post", null] as const) {
    it(`BN_model=${String(bnModel)}: loss, gradients, running stats, eval output`, () => {
      const c =
        loadFixture<Record<string, SeedNetCase>>("course")[
          `seed_net_${String(bnModel === null ? "None" : bnModel)}`
        ]!;
      manualSeed(24);
      const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel });
      const x = fromFlat(c.x, [50, 5], "float32");
      const y = fromFlat(c.y, [50, 1], "float32");
      const loss = mseLoss(net.call(x), y);
      loss.backward();
      expect(loss.item(), "loss").toBe(c.loss);
      for (const [name, p] of net.namedParameters()) {
        const expected = c.grads[name];
        if (expected === null || expected === undefined) expect(p.grad, name).toBeNull();
        else expect(flat(p.grad!), `${name} grad`).toEqual(expected);
      }
      for (const [key, t] of net.stateDict())
        expect(flat(t), key).toEqual(c.state_after[key]!.values);
      net.eval();
      expect(flat(net.call(x)), "eval output").toEqual(c.eval_output);
    });
  }
});
