import { tanh, zeros } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { netClass2 } from "../course/netClass.js";
import { flat, loadFixture } from "../testing/fixtures.js";
import { StateDictError } from "./stateDictError.js";

const course = loadFixture<{ strict_error: string }>("course");

describe("loadStateDict", () => {
  it("reports every problem in PyTorch's exact message and changes nothing", () => {
    const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
    const before = new Map([...net.stateDict()].map(([k, v]) => [k, flat(v)]));
    const sd = net.stateDict();
    for (const t of sd.values()) t.fill_(3);
    sd.delete("linear2.bias");
    sd.set("linear9.weight", zeros([2]));
    sd.set("extra", zeros([1]));
    sd.set("linear1.weight", zeros([4, 3]));
    sd.set("normalize1.running_var", zeros([5]));
    let error: unknown;
    try {
      net.loadStateDict(sd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateDictError);
    expect((error as Error).message).toBe(course.strict_error);
    expect((error as StateDictError).missingKeys).toEqual(["linear2.bias"]);
    for (const [k, v] of net.stateDict()) expect(flat(v), k).toEqual(before.get(k));
  });

  it("round-trips, and non-strict loading reports missing and unexpected keys", () => {
    const a = netClass2({ inFeatures: 3 });
    const b = netClass2({ inFeatures: 3 });
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    for (const [k, v] of b.stateDict()) expect(flat(v), k).toEqual(flat(a.stateDict().get(k)!));
    const partial = Object.fromEntries([...a.stateDict()].filter(([k]) => k !== "linear3.bias"));
    partial["ghost.weight"] = zeros([1]);
    expect(b.loadStateDict(partial, { strict: false })).toEqual({
      missingKeys: ["linear3.bias"],
      unexpectedKeys: ["ghost.weight"],
    });
  });

  it("still refuses shape mismatches when not strict", () => {
    const net = netClass2({ inFeatures: 3 });
    expect(() => net.loadStateDict({ "linear3.bias": zeros([2]) }, { strict: false })).toThrow(
      "size mismatch for linear3.bias: copying a param with shape torch.Size([2]) from checkpoint, the shape in current model is torch.Size([1]).",
    );
  });

  it("takes strict as PyTorch's positional boolean, and refuses a misspelled or non-boolean one", () => {
    const a = netClass2({ inFeatures: 3 });
    const b = netClass2({ inFeatures: 3 });
    const partial = Object.fromEntries([...a.stateDict()].filter(([k]) => k !== "linear3.bias"));
    expect(b.loadStateDict(partial, false)).toEqual({
      missingKeys: ["linear3.bias"],
      unexpectedKeys: [],
    });
    expect(() => b.loadStateDict(partial, true)).toThrow(StateDictError);
    expect(() => b.loadStateDict(partial, { stric: false } as never)).toThrow(
      'loadStateDict expects strict as a boolean (loadStateDict(sd, false)) or { strict: boolean }, but got an unknown option "stric"',
    );
    expect(() => b.loadStateDict(partial, { strict: "no" } as never)).toThrow("strict = no");
    expect(() => b.loadStateDict(partial, null as never)).toThrow(StateDictError);
  });
});
