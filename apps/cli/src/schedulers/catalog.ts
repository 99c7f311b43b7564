import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  linearWarmupCosine,
  linearWarmupStep,
  MultiplicativeLR,
  MultiStepLR,
  OneCycleLR,
  type OptimizerLike,
  PolynomialLR,
  ReduceLROnPlateau,
  type Scheduler,
  type SequenceableScheduler,
  SequentialLR,
  StepLR,
  type SteppingScheduler,
  SWALR,
  warmupStableDecay,
} from "@kindling/lr-scheduler";
import type { OptionSpec } from "../options/optionSpec.js";

/** A scheduler the CLI can build: its name, options and constructor. */
export interface SchedulerEntry {
  /** The name exported by `@kindling/lr-scheduler` (PyTorch's class name). */
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  /** Its options, as the package's options object names them. */
  readonly options: readonly OptionSpec[];
  /** True for ReduceLROnPlateau, stepped with a metric. */
  readonly plateau?: boolean;
  /** Builds it on `optimizer` from resolved options. */
  build(optimizer: OptimizerLike, options: Record<string, unknown>): Scheduler;
}

const num = { type: "number" } as const;
const int = { type: "integer" } as const;
const bool = { type: "boolean" } as const;
const nums = { type: "numbers" } as const;
const anneal = { type: "enum", values: ["cos", "linear"] } as const;
const epochExpr = { type: "expression", variable: "epoch" } as const;

const gamma = (dflt: string, required = false): OptionSpec => ({
  name: "gamma",
  kind: num,
  ...(required ? { required } : {}),
  doc: `multiplicative factor of decay${dflt === "" ? "" : `, default ${dflt}`}`,
});
const etaMin: OptionSpec = { name: "etaMin", kind: num, doc: "minimum lr, default 0" };
const schedulersOption: OptionSpec = {
  name: "schedulers",
  kind: { type: "components" },
  required: true,
  doc: "the schedulers, e.g. [LinearLR(totalIters=5), ExponentialLR(gamma=0.9)]",
};
const warmupStartFactor: OptionSpec = {
  name: "warmupStartFactor",
  kind: num,
  doc: "the warmup's first factor of the base lr, in (0, 1], default 0.01",
};

// The options objects are checked by the package; the casts only name their types.
type Opts<T> = T;
const as = <T>(o: Record<string, unknown>) => o as Opts<T>;

/** Every scheduler and preset of `@kindling/lr-scheduler`, by name. */
export const SCHEDULERS: readonly SchedulerEntry[] = [
  {
    name: "LambdaLR",
    doc: "lr = initial lr × lrLambda(epoch)",
    options: [
      {
        name: "lrLambda",
        kind: epochExpr,
        required: true,
        doc: 'the factor, an expression of epoch such as "0.95 ** epoch"',
      },
    ],
    build: (o, v) => new LambdaLR(o, as(v)),
  },
  {
    name: "MultiplicativeLR",
    doc: "lr = previous lr × lrLambda(epoch), from epoch 1",
    options: [
      {
        name: "lrLambda",
        kind: epochExpr,
        required: true,
        doc: 'the per-epoch factor, an expression of epoch such as "0.95"',
      },
    ],
    build: (o, v) => new MultiplicativeLR(o, as(v)),
  },
  {
    name: "StepLR",
    doc: "lr × gamma every stepSize epochs",
    options: [
      { name: "stepSize", kind: int, required: true, doc: "period of decay, a positive integer" },
      gamma("0.1"),
    ],
    build: (o, v) => new StepLR(o, as(v)),
  },
  {
    name: "MultiStepLR",
    doc: "lr × gamma at each milestone epoch",
    options: [
      {
        name: "milestones",
        kind: { type: "integers" },
        required: true,
        doc: "non-decreasing epochs, e.g. 30,60",
      },
      gamma("0.1"),
    ],
    build: (o, v) => new MultiStepLR(o, as(v)),
  },
  {
    name: "ConstantLR",
    doc: "lr × factor until totalIters, then the initial lr",
    options: [
      { name: "factor", kind: num, doc: "in (0, 1], default 1/3" },
      { name: "totalIters", kind: int, doc: "a non-negative integer, default 5" },
    ],
    build: (o, v) => new ConstantLR(o, as(v)),
  },
  {
    name: "LinearLR",
    doc: "factor going linearly from startFactor to endFactor over totalIters epochs",
    options: [
      { name: "startFactor", kind: num, doc: "in (0, 1], default 1/3" },
      { name: "endFactor", kind: num, doc: "in [0, 1], default 1" },
      { name: "totalIters", kind: int, doc: "a positive integer, default 5" },
    ],
    build: (o, v) => new LinearLR(o, as(v)),
  },
  {
    name: "ExponentialLR",
    doc: "lr × gamma every epoch",
    options: [gamma("", true)],
    build: (o, v) => new ExponentialLR(o, as(v)),
  },
  {
    name: "PolynomialLR",
    doc: "lr × (1 - epoch / totalIters) ** power until totalIters",
    options: [
      { name: "totalIters", kind: int, doc: "a positive integer, default 5" },
      { name: "power", kind: num, doc: "the polynomial's power, default 1" },
    ],
    build: (o, v) => new PolynomialLR(o, as(v)),
  },
  {
    name: "CosineAnnealingLR",
    doc: "cosine from the initial lr down to etaMin over tMax epochs",
    options: [
      { name: "tMax", torch: "T_max", kind: num, required: true, doc: "half period in epochs" },
      etaMin,
    ],
    build: (o, v) => new CosineAnnealingLR(o, as(v)),
  },
  {
    name: "CosineAnnealingWarmRestarts",
    doc: "cosine annealing restarted every t0 epochs (period × tMult after each restart)",
    options: [
      {
        name: "t0",
        torch: "T_0",
        kind: int,
        required: true,
        doc: "epochs until the first restart, a positive integer",
      },
      { name: "tMult", torch: "T_mult", kind: int, doc: "an integer >= 1, default 1" },
      etaMin,
    ],
    build: (o, v) => new CosineAnnealingWarmRestarts(o, as(v)),
  },
  {
    name: "CyclicLR",
    doc: "cycles between baseLr and maxLr (usually stepped per batch)",
    options: [
      { name: "baseLr", kind: nums, required: true, doc: "lower lr boundary" },
      { name: "maxLr", kind: nums, required: true, doc: "upper lr boundary" },
      { name: "stepSizeUp", kind: num, doc: "steps in the rising half, default 2000" },
      { name: "stepSizeDown", kind: num, doc: "steps in the falling half, default stepSizeUp" },
      {
        name: "mode",
        kind: { type: "enum", values: ["triangular", "triangular2", "exp_range"] },
        doc: "default triangular",
      },
      gamma("1 (exp_range's base)"),
      {
        name: "scaleFn",
        kind: { type: "expression", variable: "x" },
        doc: "custom amplitude scaling in [0, 1], an expression of x",
      },
      {
        name: "scaleMode",
        kind: { type: "enum", values: ["cycle", "iterations"] },
        doc: "what x is for scaleFn, default cycle",
      },
      { name: "cycleMomentum", kind: bool, doc: "cycle the momentum inversely, default true" },
      { name: "baseMomentum", kind: nums, doc: "momentum at the lr's peak, default 0.8" },
      { name: "maxMomentum", kind: nums, doc: "momentum at the cycle's start, default 0.9" },
    ],
    build: (o, v) => new CyclicLR(o, as(v)),
  },
  {
    name: "OneCycleLR",
    doc: "the 1cycle policy: up to maxLr, then down far below the initial lr",
    options: [
      { name: "maxLr", kind: nums, required: true, doc: "peak lr" },
      { name: "totalSteps", kind: int, doc: "steps in the cycle (or epochs and stepsPerEpoch)" },
      { name: "epochs", kind: int, doc: "with stepsPerEpoch, totalSteps = epochs × stepsPerEpoch" },
      { name: "stepsPerEpoch", kind: int, doc: "see epochs" },
      { name: "pctStart", kind: num, doc: "share of the cycle rising, in [0, 1], default 0.3" },
      { name: "annealStrategy", kind: anneal, doc: "default cos" },
      { name: "cycleMomentum", kind: bool, doc: "cycle the momentum inversely, default true" },
      { name: "baseMomentum", kind: nums, doc: "momentum at the peak, default 0.85" },
      { name: "maxMomentum", kind: nums, doc: "momentum at start and end, default 0.95" },
      { name: "divFactor", kind: num, doc: "initial lr = maxLr / divFactor, default 25" },
      { name: "finalDivFactor", kind: num, doc: "min lr = initial lr / this, default 1e4" },
      { name: "threePhase", kind: bool, doc: "three phases instead of two, default false" },
    ],
    build: (o, v) => new OneCycleLR(o, as(v)),
  },
  {
    name: "ReduceLROnPlateau",
    doc: "lr × factor when the metric stops improving for patience epochs",
    plateau: true,
    options: [
      { name: "mode", kind: { type: "enum", values: ["min", "max"] }, doc: "default min" },
      { name: "factor", kind: num, doc: "new lr = lr × factor, in [0, 1), default 0.1" },
      { name: "patience", kind: int, doc: "bad epochs tolerated, default 10" },
      { name: "threshold", kind: num, doc: "least change that counts, default 1e-4" },
      {
        name: "thresholdMode",
        kind: { type: "enum", values: ["rel", "abs"] },
        doc: "default rel",
      },
      { name: "cooldown", kind: int, doc: "epochs to wait after a reduction, default 0" },
      { name: "minLr", kind: nums, doc: "lower bound on the lr, default 0" },
      { name: "eps", kind: num, doc: "smaller reductions are skipped, default 1e-8" },
    ],
    build: (o, v) => new ReduceLROnPlateau(o, as(v)),
  },
  {
    name: "SWALR",
    doc: "anneals each group's lr to swaLr over annealEpochs",
    options: [
      { name: "swaLr", kind: nums, required: true, doc: "the lr to anneal to" },
      { name: "annealEpochs", kind: int, doc: "a non-negative integer, default 10" },
      { name: "annealStrategy", kind: anneal, doc: "default cos" },
    ],
    build: (o, v) => new SWALR(o, as(v)),
  },
  {
    name: "SequentialLR",
    doc: "runs schedulers one after the other, switching at the milestones",
    options: [
      schedulersOption,
      {
        name: "milestones",
        kind: { type: "integers" },
        required: true,
        doc: "one fewer than schedulers, non-decreasing",
      },
    ],
    build: (o, v) =>
      new SequentialLR(o, {
        schedulers: v["schedulers"] as SequenceableScheduler[],
        milestones: v["milestones"] as number[],
      }),
  },
  {
    name: "ChainedScheduler",
    doc: "steps several schedulers together, each changing the lr the previous one wrote",
    options: [schedulersOption],
    build: (_o, v) => new ChainedScheduler(v["schedulers"] as SteppingScheduler[]),
  },
  {
    name: "linearWarmupCosine",
    doc: "preset: linear warmup, then cosine decay to etaMin at totalSteps",
    options: [
      { name: "warmupSteps", kind: int, required: true, doc: "a positive integer" },
      { name: "totalSteps", kind: int, required: true, doc: "warmup and decay steps" },
      warmupStartFactor,
      etaMin,
    ],
    build: (o, v) => linearWarmupCosine(o, as(v)),
  },
  {
    name: "linearWarmupStep",
    doc: "preset: linear warmup, then lr × gamma every stepSize steps",
    options: [
      { name: "warmupSteps", kind: int, required: true, doc: "a positive integer" },
      { name: "stepSize", kind: int, required: true, doc: "period of decay after the warmup" },
      gamma("0.1"),
      warmupStartFactor,
    ],
    build: (o, v) => linearWarmupStep(o, as(v)),
  },
  {
    name: "warmupStableDecay",
    doc: "preset: linear warmup, constant, then linear decay",
    options: [
      { name: "warmupSteps", kind: int, required: true, doc: "a positive integer" },
      { name: "stableSteps", kind: int, required: true, doc: "steps at the base lr" },
      { name: "decaySteps", kind: int, required: true, doc: "a positive integer" },
      warmupStartFactor,
      { name: "endFactor", kind: num, doc: "factor at the end of the decay, in [0, 1], default 0" },
    ],
    build: (o, v) => warmupStableDecay(o, as(v)),
  },
];

/** The scheduler named `name` (case ignored), if any. */
export function findScheduler(name: string): SchedulerEntry | undefined {
  const lower = name.toLowerCase();
  return SCHEDULERS.find((s) => s.name.toLowerCase() === lower);
}
