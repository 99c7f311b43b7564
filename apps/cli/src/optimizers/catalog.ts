import type { Parameter } from "@kindling/nn";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  ASGD,
  LBFGS,
  NAdam,
  type Optimizer,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from "@kindling/optim";
import type { OptionSpec } from "../options/optionSpec.js";

/** An optimizer the CLI can build: its name, options (besides `lr`) and constructor. */
export interface OptimizerEntry {
  /** The name exported by `@kindling/optim` (PyTorch's class name). */
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  /** Its options other than `lr` (which `--lr` sets), as the package names them. */
  readonly options: readonly OptionSpec[];
  /** Builds it over `params` from the learning rate and resolved options. */
  build(params: Parameter[], lr: number, options: Record<string, unknown>): Optimizer;
}

const num = { type: "number" } as const;
const int = { type: "integer" } as const;
const bool = { type: "boolean" } as const;
const pair = { type: "pair" } as const;

const weightDecay = (dflt: string): OptionSpec => ({
  name: "weightDecay",
  kind: num,
  doc: `L2 penalty, >= 0, default ${dflt}`,
});
const eps = (dflt: string): OptionSpec => ({
  name: "eps",
  kind: num,
  doc: `term added to the denominator for stability, >= 0, default ${dflt}`,
});
const betas: OptionSpec = {
  name: "betas",
  kind: pair,
  doc: "coefficients of the running averages of the gradient and its square, each in [0, 1), default 0.9,0.999",
};
const maximize: OptionSpec = {
  name: "maximize",
  kind: bool,
  doc: "maximize the objective instead of minimizing, default false",
};
const amsgrad: OptionSpec = {
  name: "amsgrad",
  kind: bool,
  doc: "the AMSGrad variant, default false",
};

// The options objects are checked by the package (its messages state the valid ranges).
const opts = <T>(lr: number, options: Record<string, unknown>) => ({ lr, ...options }) as T;

/** Every optimizer of `@kindling/optim`, by name. */
export const OPTIMIZERS: readonly OptimizerEntry[] = [
  {
    name: "SGD",
    doc: "stochastic gradient descent, with optional momentum and Nesterov",
    options: [
      { name: "momentum", kind: num, doc: "momentum factor, >= 0, default 0" },
      { name: "dampening", kind: num, doc: "dampening for momentum, default 0" },
      weightDecay("0"),
      {
        name: "nesterov",
        kind: bool,
        doc: "Nesterov momentum (needs momentum > 0), default false",
      },
      maximize,
    ],
    build: (params, lr, o) => new SGD(params, opts(lr, o)),
  },
  {
    name: "Adam",
    doc: "adaptive moment estimation",
    options: [betas, eps("1e-8"), weightDecay("0"), amsgrad, maximize],
    build: (params, lr, o) => new Adam(params, opts(lr, o)),
  },
  {
    name: "AdamW",
    doc: "Adam with decoupled weight decay",
    options: [betas, eps("1e-8"), weightDecay("0.01"), amsgrad, maximize],
    build: (params, lr, o) => new AdamW(params, opts(lr, o)),
  },
  {
    name: "RMSprop",
    doc: "divides the gradient by a running average of its magnitude",
    options: [
      { name: "alpha", kind: num, doc: "smoothing constant, >= 0, default 0.99" },
      eps("1e-8"),
      weightDecay("0"),
      { name: "momentum", kind: num, doc: "momentum factor, >= 0, default 0" },
      { name: "centered", kind: bool, doc: "normalize by the centered variance, default false" },
      maximize,
    ],
    build: (params, lr, o) => new RMSprop(params, opts(lr, o)),
  },
  {
    name: "Adagrad",
    doc: "per-parameter lrs from accumulated squared gradients",
    options: [
      { name: "lrDecay", kind: num, doc: "learning-rate decay, >= 0, default 0" },
      weightDecay("0"),
      {
        name: "initialAccumulatorValue",
        kind: num,
        doc: "starting value of the accumulators, >= 0, default 0",
      },
      eps("1e-10"),
      maximize,
    ],
    build: (params, lr, o) => new Adagrad(params, opts(lr, o)),
  },
  {
    name: "Adadelta",
    doc: "an adaptive learning-rate method (lr scales the update, default 1)",
    options: [
      {
        name: "rho",
        kind: num,
        doc: "coefficient of the running averages, in [0, 1], default 0.9",
      },
      eps("1e-6"),
      weightDecay("0"),
      maximize,
    ],
    build: (params, lr, o) => new Adadelta(params, opts(lr, o)),
  },
  {
    name: "Adamax",
    doc: "Adam with the infinity norm",
    options: [betas, eps("1e-8"), weightDecay("0"), maximize],
    build: (params, lr, o) => new Adamax(params, opts(lr, o)),
  },
  {
    name: "NAdam",
    doc: "Adam with Nesterov momentum",
    options: [
      betas,
      eps("1e-8"),
      weightDecay("0"),
      { name: "momentumDecay", kind: num, doc: "momentum decay, >= 0, default 0.004" },
    ],
    build: (params, lr, o) => new NAdam(params, opts(lr, o)),
  },
  {
    name: "RAdam",
    doc: "rectified Adam",
    options: [betas, eps("1e-8"), weightDecay("0")],
    build: (params, lr, o) => new RAdam(params, opts(lr, o)),
  },
  {
    name: "ASGD",
    doc: "averaged SGD: a decaying step, and a running average of the parameters after t0",
    options: [
      { name: "lambd", kind: num, doc: "decay term, default 1e-4" },
      { name: "alpha", kind: num, doc: "power of the step-size decay, default 0.75" },
      { name: "t0", kind: num, doc: "the step after which averaging starts, default 1e6" },
      weightDecay("0"),
      maximize,
    ],
    build: (params, lr, o) => new ASGD(params, opts(lr, o)),
  },
  {
    name: "Rprop",
    doc: "resilient backpropagation: per-element step sizes from the gradient's sign",
    options: [
      {
        name: "etas",
        kind: pair,
        doc: "step-size factors on a sign flip and on no flip, 0 < etaminus < 1 < etaplus, default 0.5,1.2",
      },
      {
        name: "stepSizes",
        kind: pair,
        doc: "smallest and largest step size, default 1e-6,50",
      },
      maximize,
    ],
    build: (params, lr, o) => new Rprop(params, opts(lr, o)),
  },
  {
    name: "LBFGS",
    doc: "limited-memory BFGS: several evaluations of each batch's loss a step (a closure), one param group",
    options: [
      { name: "maxIter", kind: int, doc: "most iterations a step, default 20" },
      { name: "maxEval", kind: int, doc: "most loss evaluations a step, default maxIter * 5 / 4" },
      {
        name: "toleranceGrad",
        kind: num,
        doc: "stop once the gradient's largest element is at most this, default 1e-7",
      },
      {
        name: "toleranceChange",
        kind: num,
        doc: "stop once the loss or the parameters change by at most this, default 1e-9",
      },
      { name: "historySize", kind: int, doc: "update history kept, default 100" },
      {
        name: "lineSearchFn",
        kind: { type: "enum", values: ["strong_wolfe"] },
        doc: "line search: strong_wolfe, or none (fixed steps of lr) by default",
      },
    ],
    build: (params, lr, o) => new LBFGS(params, opts(lr, o)),
  },
];

/** The optimizer named `name` (case-insensitive), if any. */
export function findOptimizer(name: string): OptimizerEntry | undefined {
  const wanted = name.toLowerCase();
  return OPTIMIZERS.find((o) => o.name.toLowerCase() === wanted);
}
