import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "../serialize.js";
import { plainDicts } from "./plainDicts.js";
import { OrderedDict, PyTuple, pyFloat, tuple } from "./pyTypes.js";

describe("plainDicts / deserialize({ dicts: 'object' })", () => {
  it("turns str- and int-keyed dicts into plain objects, keeps other dicts as Maps", () => {
    const shared = new Map([["x", 1]]);
    const value = new Map<unknown, unknown>([
      [
        "state",
        new Map([
          [0, new Map([["step", 3]])],
          [2, shared],
        ]),
      ],
      [
        "param_groups",
        [
          new Map<string, unknown>([
            ["betas", tuple(0.9, 0.999)],
            ["params", [0, 1]],
          ]),
        ],
      ],
      [
        "odd",
        new Map<unknown, unknown>([
          [tuple(1, 2), shared],
          [1.5, "f"],
        ]),
      ],
      ["module", new OrderedDict([["w", 1]])],
    ]);
    const out = deserialize(serialize(value), { dicts: "object" }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out["state"]).toEqual({ "0": { step: 3 }, "2": { x: 1 } });
    const group = (out["param_groups"] as Record<string, unknown>[])[0]!;
    expect(group["betas"]).toBeInstanceOf(PyTuple);
    expect(group["params"]).toEqual([0, 1]);
    const odd = out["odd"] as Map<unknown, unknown>;
    expect(odd).toBeInstanceOf(Map);
    expect(odd.get(1.5)).toBe("f");
    // The shared dict stays one object (the pickle memo shares it; so does the conversion).
    expect([...odd.values()][0]).toBe((out["state"] as Record<string, unknown>)["2"]);
    expect(out["module"]).toEqual({ w: 1 });
  });

  it("makes a key __proto__ an own property, never the prototype", () => {
    const out = plainDicts(new Map([["__proto__", new Map([["polluted", true]])]])) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("keeps the default Maps, and PyFloats with floats: 'exact'", () => {
    const bytes = serialize(new Map([["lr", pyFloat(1)]]));
    expect(deserialize(bytes)).toBeInstanceOf(Map);
    const exact = deserialize(bytes, { dicts: "object", floats: "exact" }) as { lr: unknown };
    expect(Number(exact.lr)).toBe(1);
  });
});

describe("an optimizer state dict written from a plain object", () => {
  it("gets int keys in state, as torch.optim needs; other objects keep str keys", () => {
    const optimizerState = {
      state: { 0: { momentum_buffer: null }, 3: { step: 1 } },
      param_groups: [{ lr: 0.1, params: [0, 3] }],
    };
    const back = deserialize(serialize(optimizerState)) as Map<string, Map<unknown, unknown>>;
    expect([...back.get("state")!.keys()]).toEqual([0, 3]);
    const notOptimizer = { state: { 0: 1 }, param_groups: [], extra: 1 };
    const kept = deserialize(serialize(notOptimizer)) as Map<string, Map<unknown, unknown>>;
    expect([...kept.get("state")!.keys()]).toEqual(["0"]);
    const wordKeys = { state: { 0: 1, a: 2 }, param_groups: [] };
    const words = deserialize(serialize(wordKeys)) as Map<string, Map<unknown, unknown>>;
    expect([...words.get("state")!.keys()]).toEqual(["0", "a"]);
  });
});
