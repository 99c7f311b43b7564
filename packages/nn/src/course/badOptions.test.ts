import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { Linear } from "../layers/linear.js";
import { StateDictError } from "../module/stateDictError.js";
import { netClass2 } from "./netClass.js";

describe("course nets and modules refuse malformed input", () => {
  it("netClass2 refuses an unknown bnModel, naming the valid values", () => {
    const make = () => netClass2({ bnModel: "middle" as never });
    expect(make).toThrow(RangeError);
    expect(make).toThrow('bnModel must be "pre", "post" or null (BN_model), got "middle"');
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
