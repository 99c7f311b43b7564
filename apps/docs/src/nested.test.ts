import { describe, expect, it } from "vitest";
import { formatNested, parseNested } from "./nested.js";

describe("nested schedulers as text", () => {
  it("reads names and typed options, lists and expressions included", () => {
    const text =
      "LinearLR(startFactor=0.1, totalIters=10), MultiStepLR(milestones=[30, 80]), LambdaLR(lrLambda=0.9 ** epoch)";
    const parsed = parseNested(text);
    expect(parsed).toEqual([
      { name: "LinearLR", options: { startFactor: 0.1, totalIters: 10 } },
      { name: "MultiStepLR", options: { milestones: [30, 80] } },
      { name: "LambdaLR", options: { lrLambda: "0.9 ** epoch" } },
    ]);
    expect(formatNested(parsed!)).toBe(text);
  });

  it("refuses unknown schedulers and options, and values of the wrong kind", () => {
    expect(parseNested("NoSuchLR(gamma=0.5)")).toBeUndefined();
    expect(parseNested("StepLR(stepSiz=3)")).toBeUndefined();
    expect(parseNested("StepLR(stepSize=1.5)")).toBeUndefined();
    expect(parseNested("")).toBeUndefined();
  });
});
