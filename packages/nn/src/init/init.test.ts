import { defaultGenerator, empty, fillUniform, manualSeed, zeros } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { Linear } from "../layers/linear.js";
import { type FixtureTensor, flat, loadFixture } from "../testing/fixtures.js";
import { calculateGain } from "./calculateGain.js";
import { calculateFanInAndFanOut } from "./fans.js";
import { kaimingNormal_, kaimingUniform_ } from "./kaiming.js";
import { normal_, uniform_ } from "./uniform.js";
import { xavierNormal_, xavierUniform_ } from "./xavier.js";

interface InitFixture {
  linears_seed0: Record<string, FixtureTensor>[];
  after_linears_rand: number[];
  init_seed7: Record<string, number[]>;
  gains: Record<string, number>;
}
const fixture = loadFixture<InitFixture>("init");

describe("init matches PyTorch bit for bit", () => {
  it("Linear's default init, in PyTorch's draw order, for several sizes and without bias", () => {
    manualSeed(0);
    const layers = [new Linear(3, 7), new Linear(10, 2, { bias: false }), new Linear(1, 1)];
    layers.forEach((layer, i) => {
      const expected = fixture.linears_seed0[i]!;
      const sd = layer.stateDict();
      expect([...sd.keys()]).toEqual(Object.keys(expected));
      for (const [key, t] of sd) expect(flat(t), key).toEqual(expected[key]!.values);
    });
    const next = Array.from(fillUniform(defaultGenerator, new Float32Array(3)));
    expect(next).toEqual(fixture.after_linears_rand);
  });

  it("xavier and kaiming, uniform and normal, float32 and float64", () => {
    manualSeed(7);
    const w = xavierUniform_(empty([6, 5]), calculateGain("tanh"));
    const w2 = kaimingUniform_(empty([4, 3], { dtype: "float64" }), {
      mode: "fan_out",
      nonlinearity: "relu",
    });
    const w3 = xavierNormal_(empty([20, 3]));
    const w4 = kaimingNormal_(empty([5, 4]));
    const e = fixture.init_seed7;
    expect(flat(w)).toEqual(e.xavier_uniform_tanh_6x5);
    expect(flat(w2)).toEqual(e.kaiming_uniform_fanout_relu_4x3_f64);
    expect(flat(w3)).toEqual(e.xavier_normal_20x3);
    expect(flat(w4)).toEqual(e.kaiming_normal_5x4);
  });

  it("calculateGain", () => {
    const g = fixture.gains;
    expect(calculateGain("tanh")).toBe(g.tanh);
    expect(calculateGain("relu")).toBe(g.relu);
    expect(calculateGain("leaky_relu")).toBe(g.leaky_relu);
    expect(calculateGain("leaky_relu", Math.sqrt(5))).toBe(g.leaky_relu_sqrt5);
    expect(calculateGain("selu")).toBe(g.selu);
    expect(() => calculateGain("swish" as never)).toThrow("Unsupported nonlinearity swish");
  });

  it("fans follow PyTorch, and refuse fewer than 2 dims", () => {
    expect(calculateFanInAndFanOut(zeros([4, 5, 3]))).toEqual({ fanIn: 15, fanOut: 12 });
    expect(() => calculateFanInAndFanOut(zeros([4]))).toThrow("fewer than 2 dimensions");
  });
  it("refuses options the init functions do not take", () => {
    const t = zeros([3, 4]);
    // { mdoe } would have kept fan_in without a word.
    expect(() => kaimingUniform_(t, { mdoe: "fan_out" } as never)).toThrow(
      /kaimingUniform_ got an unknown option "mdoe"; its options are a, mode, nonlinearity, generator/,
    );
    expect(() => kaimingNormal_(t, { non_linearity: "relu" } as never)).toThrow(/kaimingNormal_/);
    expect(() => xavierUniform_(t, 1, { genrator: defaultGenerator } as never)).toThrow(
      /xavierUniform_ got an unknown option "genrator"/,
    );
    expect(() => xavierNormal_(t, 1, { seed: 1 } as never)).toThrow(/xavierNormal_/);
    expect(() => uniform_(t, 0, 1, { gen: defaultGenerator } as never)).toThrow(/uniform_/);
    expect(() => normal_(t, 0, 1, { std: 2 } as never)).toThrow(
      /normal_ got an unknown option "std"/,
    );
    expect(kaimingUniform_(t, { mode: "fan_out", generator: defaultGenerator })).toBe(t);
  });
});
