import { type DType, manualSeed, type Tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { BatchNorm1d } from "../layers/batchNorm1d.js";
import { Linear } from "../layers/linear.js";
import { Sequential } from "../layers/sequential.js";
import { deepCopy } from "../module/deepCopy.js";
import { flat, fromFlat, loadFixture } from "../testing/fixtures.js";
import { AveragedModel } from "./averagedModel.js";
import { updateBn } from "./updateBn.js";

interface Encoded {
  tensor: number[];
  shape: number[];
  dtype: DType;
}
type Entries = [string, Encoded][];
interface Fixture {
  cases: { label: string; initial: Entries; rounds: Entries[]; after: Entries[] }[];
  batches: Encoded[];
  update_bn: {
    label: string;
    training_after: boolean;
    momentum_after: number;
    state_dict: Entries;
  }[];
}

const fixture = loadFixture<Fixture>("swa");
const decode = (e: Encoded) => fromFlat(e.tensor, e.shape, e.dtype);
const dict = (entries: Entries) => new Map(entries.map(([k, v]) => [k, decode(v)]));
const plain = (sd: Map<string, Tensor>) =>
  [...sd].map(([k, t]) => [k, { values: flat(t), shape: [...t.shape], dtype: t.dtype }]);
const plainEntries = (entries: Entries) =>
  entries.map(([k, e]) => [k, { values: e.tensor, shape: e.shape, dtype: e.dtype }]);

/** PyTorch's Sequential(Linear(3, 4), BatchNorm1d(4), Linear(4, 1)) with the fixture's initial state. */
function net(initial: Entries) {
  manualSeed(0);
  const model = new Sequential(new Linear(3, 4), new BatchNorm1d(4), new Linear(4, 1));
  model.loadStateDict(dict(initial));
  return model;
}

const OPTIONS: Record<string, ConstructorParameters<typeof AveragedModel>[1]> = {
  default: {},
  ema: { avgFn: (averaged, current) => averaged.mul(0.9).add(current.mul(0.1)) },
  use_buffers: { useBuffers: true },
};

describe.each(fixture.cases)("AveragedModel ($label) against PyTorch 1.13", (c) => {
  it("gives PyTorch's state dict, bit for bit, after each of five updates", () => {
    const model = net(c.initial);
    const swa = new AveragedModel(model, OPTIONS[c.label]);
    c.rounds.forEach((round, i) => {
      model.loadStateDict(dict(round));
      swa.updateParameters(model);
      expect(plain(swa.stateDict())).toEqual(plainEntries(c.after[i]!));
    });
  });
});

describe("updateBn against PyTorch 1.13", () => {
  const c = fixture.cases[0]!;
  it.each(fixture.update_bn)("recomputes the running statistics over $label", (bn) => {
    const model = net(c.initial);
    const swa = new AveragedModel(model);
    for (const round of c.rounds) {
      model.loadStateDict(dict(round));
      swa.updateParameters(model);
    }
    swa.eval();
    const batches = fixture.batches.map(decode);
    updateBn(bn.label === "pairs" ? batches.map((x) => [x, x]) : batches, swa);
    expect(swa.training).toBe(bn.training_after);
    expect((swa.averagedModule as Sequential).at(1)).toBeInstanceOf(BatchNorm1d);
    expect(((swa.averagedModule as Sequential).at(1) as BatchNorm1d).momentum).toBe(
      bn.momentum_after,
    );
    const ours = plain(swa.stateDict());
    const theirs = plainEntries(bn.state_dict);
    expect(ours.map(([k]) => k)).toEqual(theirs.map(([k]) => k));
    // The batches reach the BatchNorm through Linear(3, 4), whose products Kindling's matmul
    // rounds within float32 summation tolerance of PyTorch's (7.5e-9 apart here, one ulp of the
    // smallest statistic): the statistics agree within 2.4e-7 relative, the weights exactly.
    ours.forEach(([key, value], i) => {
      const want = (theirs[i]![1] as { values: number[] }).values;
      const got = (value as { values: number[] }).values;
      if (!/running_(mean|var)$/.test(String(key))) {
        expect(got, String(key)).toEqual(want);
        return;
      }
      for (let j = 0; j < got.length; j++) {
        expect(Math.abs(got[j]! - want[j]!), `${key}[${j}]`).toBeLessThanOrEqual(
          2.4e-7 * Math.max(1, Math.abs(want[j]!)),
        );
      }
    });
  });
});

describe("deepCopy", () => {
  it("copies every tensor and keeps fields and registries pointing at the same copies", () => {
    const model = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
    const copy = deepCopy(model);
    const linear = copy.at(0) as Linear;
    expect(copy).toBeInstanceOf(Sequential);
    expect(linear.weight).toBe(copy.parameters()[0]);
    expect(linear.weight).not.toBe(model.parameters()[0]);
    expect(flat(linear.weight)).toEqual(flat(model.parameters()[0]!));
    expect(linear.weight.requiresGrad).toBe(true);
    linear.weight.detach().fill_(0);
    expect(flat(model.parameters()[0]!).some((v) => v !== 0)).toBe(true);
  });
});
