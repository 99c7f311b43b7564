import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { OptimizerError } from "../base/optimizerError.js";
import { Adam } from "./adam.js";
import { SGD } from "./sgd.js";

const param = () => tensor([1, 2, 3], { requiresGrad: true });

describe("optimizers refuse malformed hyper-parameters", () => {
  it("Adam refuses a one-element betas at index 1", () => {
    const make = () => new Adam([param()], { lr: 0.1, betas: [0.9] as never });
    expect(make).toThrow(OptimizerError);
    expect(make).toThrow(/^Invalid beta parameter at index 1: /);
  });

  it("Adam refuses non-number betas", () => {
    expect(() => new Adam([param()], { lr: 0.1, betas: ["0.9", 0.99] as never })).toThrow(
      "Invalid beta parameter at index 0: expected a number, but got the string '0.9'",
    );
  });

  it("SGD refuses a string lr", () => {
    const make = () => new SGD([param()], { lr: "0.1" as never });
    expect(make).toThrow(OptimizerError);
    expect(make).toThrow("Invalid learning rate: expected a number, but got the string '0.1'");
  });

  it("SGD without lr gives PyTorch's message", () => {
    const make = () => new (SGD as unknown as new (p: unknown) => SGD)([param()]);
    expect(make).toThrow(OptimizerError);
    expect(make).toThrow(
      "parameter group didn't specify a value of required optimization parameter lr",
    );
    expect(() => new SGD([param()], {} as never)).toThrow(/required optimization parameter lr/);
  });

  it("SGD still takes lr from a group", () => {
    const opt = new SGD([{ params: [param()], lr: 0.5 }], {} as never);
    expect(opt.paramGroups[0]!.lr).toBe(0.5);
  });

  it("loadStateDict(null) throws an OptimizerError", () => {
    const opt = new SGD([param()], { lr: 0.1 });
    expect(() => opt.loadStateDict(null as never)).toThrow(OptimizerError);
    expect(() => opt.loadStateDict(null as never)).toThrow(/expects a state dict object.*null/);
  });
});
