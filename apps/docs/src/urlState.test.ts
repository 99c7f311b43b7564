import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog.js";
import { DEFAULT_STATE, decodeState, encodeState, specOf } from "./urlState.js";

describe("playground URL state", () => {
  it("reads back every scheduler's state from its URL", () => {
    for (const entry of CATALOG) {
      const state = { lr: 0.05, steps: 60, a: specOf(entry), b: specOf(CATALOG[0]!) };
      expect(decodeState(encodeState(state))).toEqual(state);
    }
  });

  it("keeps edited values, lists and expressions", () => {
    const query =
      "lr=0.2&steps=40&a=MultiStepLR&a.milestones=5,15&a.gamma=0.5&b=LambdaLR&b.lrLambda=0.9+**+epoch";
    const state = decodeState(query);
    expect(state.a.values).toEqual({ milestones: [5, 15], gamma: 0.5 });
    expect(state.b?.values).toEqual({ lrLambda: "0.9 ** epoch" });
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it("keeps an optional option cleared by hand, and leaves unset ones unset", () => {
    const state = decodeState("a=StepLR&a.stepSize=5&a.gamma=");
    expect(state.a.values).toEqual({ stepSize: 5 });
    expect(decodeState(encodeState(state))).toEqual(state);
    // A required option cannot be cleared: it takes its initial value.
    expect(decodeState("a=StepLR&a.stepSize=").a.values["stepSize"]).toBe(30);
  });

  it("falls back to defaults for what is missing or invalid", () => {
    expect(decodeState("")).toEqual(DEFAULT_STATE);
    const state = decodeState("lr=-1&steps=2.5&a=NoSuchLR&a.gamma=x&b=StepLR&b.stepSize=1.5");
    expect(state.lr).toBe(DEFAULT_STATE.lr);
    expect(state.steps).toBe(DEFAULT_STATE.steps);
    expect(state.a).toEqual(DEFAULT_STATE.a);
    expect(state.b?.values["stepSize"]).toBe(30);
  });
});
