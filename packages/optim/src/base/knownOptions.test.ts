import { tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import * as optim from "../index.js";
import { OptimizerError } from "./optimizerError.js";
import type { ParamsInput } from "./paramGroup.js";

const param = () => tensor([1, 2, 3], { requiresGrad: true });
const normalized = (key: string) => key.replaceAll("_", "").toLowerCase();

type Ctor = new (params: ParamsInput, options: Record<string, unknown>) => optim.Optimizer;
const OPTIMIZERS = Object.entries(optim).filter(
  ([name, value]) =>
    typeof value === "function" &&
    value.prototype instanceof optim.Optimizer &&
    name !== "Optimizer",
) as [string, Ctor][];

describe("optimizers refuse option keys they do not take", () => {
  it("covers every optimizer the package exports", () => {
    expect(OPTIMIZERS.map(([name]) => name).sort()).toEqual(
      [
        "ASGD",
        "Adadelta",
        "Adagrad",
        "Adam",
        "AdamW",
        "Adamax",
        "LBFGS",
        "NAdam",
        "RAdam",
        "RMSprop",
        "Rprop",
        "SGD",
      ].sort(),
    );
  });

  it.each(OPTIMIZERS)(
    "%s names the misspelled key and lists exactly the hyper-parameters its groups hold",
    (name, Optimizer) => {
      const make = () => new Optimizer([param()], { lr: 0.1, momentun: 0.9 });
      expect(make).toThrow(OptimizerError);
      expect(make).toThrow(`${name} got an unknown option "momentun"`);
      let listed: string[] = [];
      try {
        make();
      } catch (e) {
        listed = (e as Error).message.split("its options are ")[1]!.split(", ");
      }
      const groupKeys = Object.keys(new Optimizer([param()], { lr: 0.1 }).paramGroups[0]!).filter(
        (k) => k !== "params",
      );
      expect(new Set(listed.map(normalized))).toEqual(new Set(groupKeys.map(normalized)));
    },
  );

  it("suggests the camelCase name of a PyTorch keyword", () => {
    expect(() => new optim.SGD([param()], { lr: 0.1, weight_decay: 1e-4 } as never)).toThrow(
      'SGD got an unknown option "weight_decay" (did you mean weightDecay?)',
    );
  });

  it("keeps extra keys in param groups, as PyTorch does", () => {
    const sgd = new optim.SGD([{ params: [param()], tag: "head" } as never], { lr: 0.1 });
    expect((sgd.paramGroups[0] as unknown as { tag: string }).tag).toBe("head");
  });

  it("lets a subclass give its own options to a built-in optimizer's constructor", () => {
    class Tagged extends optim.SGD {
      constructor(params: ParamsInput, options: { lr: number; tag: string }) {
        super(params, options);
      }
    }
    expect(() => new Tagged([param()], { lr: 0.1, tag: "mine" })).not.toThrow();
  });
});
