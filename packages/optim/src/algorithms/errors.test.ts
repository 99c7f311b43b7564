import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { OptimizerError } from "../base/optimizerError.js";
import type { ParamsInput } from "../base/paramGroup.js";
import { readFixture } from "../testing/fixtures.js";
import { Adadelta } from "./adadelta.js";
import { Adagrad } from "./adagrad.js";
import { Adam } from "./adam.js";
import { Adamax } from "./adamax.js";
import { AdamW } from "./adamw.js";
import { ASGD } from "./asgd.js";
import { NAdam } from "./nadam.js";
import { RAdam } from "./radam.js";
import { RMSprop } from "./rmsprop.js";
import { Rprop } from "./rprop.js";
import { SGD } from "./sgd.js";

interface ErrorCase {
  optimizer: string;
  options: Record<string, unknown>;
  message: string | null;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
const FACTORIES: Record<string, (params: ParamsInput, options: never) => unknown> = {
  SGD: (p, o) => new SGD(p, o),
  Adam: (p, o) => new Adam(p, o),
  AdamW: (p, o) => new AdamW(p, o),
  RMSprop: (p, o) => new RMSprop(p, o),
  Adagrad: (p, o) => new Adagrad(p, o),
  Adadelta: (p, o) => new Adadelta(p, o),
  Adamax: (p, o) => new Adamax(p, o),
  NAdam: (p, o) => new NAdam(p, o),
  RAdam: (p, o) => new RAdam(p, o),
  ASGD: (p, o) => new ASGD(p, o),
  Rprop: (p, o) => new Rprop(p, o),
};

/**
 * Numbers as JavaScript prints them, so that Python's float repr ("1.0", "1e-05") and ours
 * ("1", "0.00001") compare equal.
 */
const normalise = (message: string) =>
  message.replace(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g, (n) => String(Number(n)));

const cases = readFixture<ErrorCase[]>("errors");

describe("hyper-parameter validation against PyTorch 1.13", () => {
  it("covers every optimizer in the fixture", () => {
    for (const c of cases) expect(FACTORIES).toHaveProperty(c.optimizer);
    expect(new Set(cases.map((c) => c.optimizer))).toEqual(
      new Set(["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "NAdam", "ASGD", "Rprop"]),
    );
  });

  it.each(cases)("$optimizer $options: $message", (c) => {
    const params = [tensor([0], { dtype: "float32" }).requiresGrad_()];
    const options = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [camel(k), v]));
    const build = () => FACTORIES[c.optimizer]!(params, options as never);
    if (c.message === null) {
      expect(build).not.toThrow();
      return;
    }
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OptimizerError);
    expect(normalise((thrown as Error).message)).toBe(normalise(c.message));
  });

  it("normalises Python's float repr", () => {
    expect(normalise("Invalid beta parameter at index 0: 1.0")).toBe(
      "Invalid beta parameter at index 0: 1",
    );
    expect(normalise("Invalid epsilon value: 1e-05")).toBe("Invalid epsilon value: 0.00001");
    expect(normalise("Invalid rho value: 1.5")).toBe("Invalid rho value: 1.5");
  });

  it.each([
    ["RMSprop", { lr: -0.1 }, "Invalid learning rate: -0.1"],
    ["RMSprop", { eps: -1, momentum: -1 }, "Invalid epsilon value: -1"],
    ["RMSprop", { weightDecay: -1 }, "Invalid weight_decay value: -1"],
    ["Adagrad", { eps: -1 }, "Invalid epsilon value: -1"],
    ["Adagrad", { weightDecay: -1, initialAccumulatorValue: -1 }, "Invalid weight_decay value: -1"],
    ["Adadelta", { rho: -0.1 }, "Invalid rho value: -0.1"],
    ["Adadelta", { lr: -1, rho: 2 }, "Invalid learning rate: -1"],
    ["Adamax", { betas: [0.9, 1] }, "Invalid beta parameter at index 1: 1"],
    ["Adamax", { eps: -1, betas: [2, 2] }, "Invalid epsilon value: -1"],
    [
      "NAdam",
      { betas: [0.9, 0.999], weightDecay: -1, momentumDecay: -1 },
      "Invalid weight_decay value: -1",
    ],
    ["RAdam", { betas: [-0.1, 0.999] }, "Invalid beta parameter at index 0: -0.1"],
    ["RAdam", { weightDecay: -1 }, "Invalid weight_decay value: -1"],
  ] as const)("%s %o checks in PyTorch's order: %s", (name, options, message) => {
    const params = [tensor([0], { dtype: "float32" }).requiresGrad_()];
    expect(() => FACTORIES[name]!(params, options as never)).toThrow(message);
  });
});
