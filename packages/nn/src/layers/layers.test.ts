import { type DType, linspace } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { ELU } from "../activations/elu.js";
import { GELU } from "../activations/gelu.js";
import { LeakyReLU } from "../activations/leakyRelu.js";
import { LogSoftmax } from "../activations/logSoftmax.js";
import { ReLU } from "../activations/relu.js";
import { Sigmoid } from "../activations/sigmoid.js";
import { SiLU } from "../activations/silu.js";
import { Softmax } from "../activations/softmax.js";
import { Softplus } from "../activations/softplus.js";
import { Tanh } from "../activations/tanh.js";
import {
  expectClose,
  type FixtureTensor,
  fixtureTensor,
  flat,
  fromFlat,
  loadFixture,
  tolerance,
} from "../testing/fixtures.js";
import { BatchNorm1d } from "./batchNorm1d.js";
import { Flatten } from "./flatten.js";
import { Identity } from "./identity.js";
import { Linear } from "./linear.js";
import type { TensorModule } from "./sequential.js";

interface LayerCase {
  name: string;
  dtype: DType;
  mode: "train" | "eval";
  affine?: boolean;
  input: number[];
  input_shape: number[];
  state?: Record<string, FixtureTensor>;
  state_after?: Record<string, FixtureTensor>;
  output: number[];
  output_shape: number[];
  input_grad: number[];
  param_grads: Record<string, number[]>;
}

function build(c: LayerCase): TensorModule {
  const dtype = c.dtype;
  switch (c.name) {
    case "Linear":
      return new Linear(4, 3, { dtype });
    case "BatchNorm1d":
      return new BatchNorm1d(4, { momentum: 0.3, affine: c.affine ?? true, dtype });
    case "ReLU":
      return new ReLU();
    case "Tanh":
      return new Tanh();
    case "Sigmoid":
      return new Sigmoid();
    case "LeakyReLU":
      return new LeakyReLU(0.1);
    case "ELU":
      return new ELU(0.7);
    case "GELU":
      return new GELU();
    case "GELUtanh":
      return new GELU("tanh");
    case "SiLU":
      return new SiLU();
    case "Softplus":
      return new Softplus(2, 3);
    case "Softmax":
      return new Softmax(1);
    case "LogSoftmax":
      return new LogSoftmax(1);
    case "Flatten":
      return new Flatten();
    default:
      return new Identity();
  }
}

const cases = loadFixture<LayerCase[]>("layers");

describe("layers against PyTorch 1.13 (forward and backward)", () => {
  for (const c of cases) {
    const title = `${c.name}${c.affine === false ? " (affine=False)" : ""} [${c.input_shape}] ${c.dtype} ${c.mode}`;
    it(title, () => {
      const module = build(c);
      if (c.state)
        module.loadStateDict(
          new Map(Object.entries(c.state).map(([k, v]) => [k, fixtureTensor(v)])),
        );
      module.train(c.mode === "train");
      const x = fromFlat(c.input, c.input_shape, c.dtype).requiresGrad_();
      const y = module.call(x);
      expect(y.shape).toEqual(c.output_shape);
      const g = linspace(-1, 1, y.numel(), { dtype: c.dtype }).reshape(...y.shape);
      y.mul(g).sum().backward();
      // PyTorch 1.13's float32 GELU evaluates erf, for whole AVX vectors, with the
      // Abramowitz-Stegun 7.1.26 approximation (absolute error up to 1.5e-7), so its own outputs
      // and gradients are off by up to ~|x|·1e-7 absolute; ours use an erf within an ulp.
      const geluF32 = c.name === "GELU" && c.dtype === "float32";
      const tol = geluF32 ? { rtol: 1e-6, atol: 5e-7 } : tolerance(c.dtype);
      expectClose(flat(y), c.output, tol, "output");
      expectClose(flat(x.grad!), c.input_grad, tol, "input grad");
      for (const [name, p] of module.namedParameters()) {
        expectClose(flat(p.grad!), c.param_grads[name]!, tol, `${name} grad`);
      }
      if (c.state_after) {
        for (const [key, t] of module.stateDict()) {
          const expected = c.state_after[key]!.values;
          if (c.dtype === "float64" && c.input_shape.length === 3) {
            // See runningStats.test.ts: float64 [N, C, L] statistics agree to within an ulp.
            expectClose(flat(t), expected, { rtol: 4e-16, atol: 0 }, `${key} after the step`);
          } else {
            expect(flat(t), `${key} after the step`).toEqual(expected);
          }
        }
      }
    });
  }
});
