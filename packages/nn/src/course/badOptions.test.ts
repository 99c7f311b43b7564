import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { Linear } from "../layers/linear.js";
import { StateDictError } from "../module/stateDictError.js";
import { CourseNet } from "./courseNet.js";
import { netClass1, netClass2, netClass4 } from "./netClass.js";

describe("course nets and modules refuse malformed input", () => {
  it("netClass2 refuses an unknown bnModel, naming the valid values", () => {
    const make = () => netClass2({ bnModel: "middle" as never });
    expect(make).toThrow(RangeError);
    expect(make).toThrow('bnModel must be "pre", "post" or null (BN_model), got "middle"');
  });

  it("the course nets refuse options they do not take, naming the near one", () => {
    // n_hidden1 in PyTorch's spelling would have been ignored: a 4-wide layer instead of 8.
    expect(() => netClass2({ n_hidden1: 8 } as never)).toThrow(
      'netClass2 got an unknown option "n_hidden1" (did you mean nHidden1?)',
    );
    expect(() => netClass1({ nHidden1: 8 } as never)).toThrow(
      /netClass1 got an unknown option "nHidden1"/,
    );
    expect(() => netClass4({ BN_model: "pre" } as never)).toThrow(/did you mean bnModel\?/);
    expect(() => new CourseNet({ hiddenSizes: [3], actfun: Math.tanh } as never)).toThrow(
      /CourseNet got an unknown option "actfun" \(did you mean actFun\?\)/,
    );
    // The hidden sizes still arrive, and a subclass may pass its own options through.
    expect(netClass2({ nHidden1: 8, nHidden2: 3 }).linears.map((l) => l.weight.shape)).toEqual([
      [8, 2],
      [3, 8],
      [1, 3],
    ]);
    class Wider extends CourseNet {
      constructor(options: { hiddenSizes: number[]; extra: number }) {
        super(options);
      }
    }
    expect(new Wider({ hiddenSizes: [2], extra: 1 }).linears).toHaveLength(2);
  });

  it("loadStateDict(null) throws a StateDictError", () => {
    const layer = new Linear(2, 1);
    expect(() => layer.loadStateDict(null as never)).toThrow(StateDictError);
    expect(() => layer.loadStateDict(null as never)).toThrow(
      "Expected state_dict to be dict-like (a Map or a plain object), got null.",
    );
    expect(layer.weight.shape).toEqual(tensor([[1, 2]]).shape);
  });
});
