import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  type CyclicMode,
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
  SequentialLR,
  StepLR,
  SWALR,
  warmupStableDecay,
} from "@kindling/lr-scheduler";
import { bool, ints, num, type OptionField, type OptionValues, str } from "./options.js";

/** A scheduler (or preset) the gallery draws and the playground edits. */
export interface CatalogEntry {
  /** The name `@kindling/lr-scheduler` exports. */
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  readonly options: readonly OptionField[];
  /** Builds it on `optimizer` from `values` (every option present). */
  build(optimizer: OptimizerLike, values: OptionValues): Scheduler;
  /** For ReduceLROnPlateau: the metric fed to each `step()`. */
  metrics?(steps: number, values: OptionValues): number[];
}

const number = (min?: number, max?: number, step?: number) =>
  ({ type: "number", min, max, step }) as const;
const integer = (min?: number, max?: number) => ({ type: "integer", min, max }) as const;
const anneal = { type: "enum", values: ["cos", "linear"] } as const;
const epochExpression = { type: "expression", variable: "epoch" } as const;

const gamma = (initial: number): OptionField => ({
  name: "gamma",
  kind: number(0, 1, 0.01),
  initial,
  doc: "multiplicative factor of decay",
});
const etaMin: OptionField = {
  name: "etaMin",
  kind: number(0, undefined, 0.001),
  initial: 0,
  doc: "minimum lr",
};
const warmupSteps: OptionField = {
  name: "warmupSteps",
  kind: integer(1),
  initial: 10,
  doc: "steps of linear warmup",
};
const warmupStartFactor: OptionField = {
  name: "warmupStartFactor",
  kind: number(0, 1, 0.01),
  initial: 0.01,
  doc: "the warmup's first factor of the base lr, in (0, 1]",
};

/** Every scheduler and preset of `@kindling/lr-scheduler`, in the order the gallery shows them. */
export const CATALOG: readonly CatalogEntry[] = [
  {
    name: "LambdaLR",
    doc: "lr = initial lr × lrLambda(epoch)",
    options: [
      { name: "lrLambda", kind: epochExpression, initial: "0.95 ** epoch", doc: "the factor" },
    ],
    build: (o, v) => new LambdaLR(o, { lrLambda: str(v, "lrLambda") }),
  },
  {
    name: "MultiplicativeLR",
    doc: "lr = previous lr × lrLambda(epoch), from epoch 1",
    options: [
      { name: "lrLambda", kind: epochExpression, initial: "0.97", doc: "the per-epoch factor" },
    ],
    build: (o, v) => new MultiplicativeLR(o, { lrLambda: str(v, "lrLambda") }),
  },
  {
    name: "StepLR",
    doc: "lr × gamma every stepSize epochs",
    options: [
      { name: "stepSize", kind: integer(1), initial: 30, doc: "period of decay" },
      gamma(0.1),
    ],
    build: (o, v) => new StepLR(o, { stepSize: num(v, "stepSize"), gamma: num(v, "gamma") }),
  },
  {
    name: "MultiStepLR",
    doc: "lr × gamma at each milestone epoch",
    options: [
      {
        name: "milestones",
        kind: { type: "integers" },
        initial: [30, 80],
        doc: "epochs, non-decreasing",
      },
      gamma(0.1),
    ],
    build: (o, v) =>
      new MultiStepLR(o, { milestones: ints(v, "milestones"), gamma: num(v, "gamma") }),
  },
  {
    name: "ConstantLR",
    doc: "lr × factor until totalIters, then the initial lr",
    options: [
      { name: "factor", kind: number(0, 1, 0.01), initial: 1 / 3, doc: "in (0, 1]" },
      { name: "totalIters", kind: integer(0), initial: 5, doc: "epochs at the lowered lr" },
    ],
    build: (o, v) =>
      new ConstantLR(o, { factor: num(v, "factor"), totalIters: num(v, "totalIters") }),
  },
  {
    name: "LinearLR",
    doc: "factor going linearly from startFactor to endFactor over totalIters epochs",
    options: [
      { name: "startFactor", kind: number(0, 1, 0.01), initial: 1 / 3, doc: "in (0, 1]" },
      { name: "endFactor", kind: number(0, 1, 0.01), initial: 1, doc: "in [0, 1]" },
      { name: "totalIters", kind: integer(1), initial: 20, doc: "epochs of the ramp" },
    ],
    build: (o, v) =>
      new LinearLR(o, {
        startFactor: num(v, "startFactor"),
        endFactor: num(v, "endFactor"),
        totalIters: num(v, "totalIters"),
      }),
  },
  {
    name: "ExponentialLR",
    doc: "lr × gamma every epoch",
    options: [gamma(0.95)],
    build: (o, v) => new ExponentialLR(o, { gamma: num(v, "gamma") }),
  },
  {
    name: "PolynomialLR",
    doc: "lr × (1 - epoch / totalIters) ** power until totalIters",
    options: [
      { name: "totalIters", kind: integer(1), initial: 80, doc: "epochs of decay" },
      { name: "power", kind: number(0, undefined, 0.1), initial: 2, doc: "the polynomial's power" },
    ],
    build: (o, v) =>
      new PolynomialLR(o, { totalIters: num(v, "totalIters"), power: num(v, "power") }),
  },
  {
    name: "CosineAnnealingLR",
    doc: "cosine from the initial lr down to etaMin over tMax epochs",
    options: [
      { name: "tMax", kind: integer(1), initial: 50, doc: "half period in epochs" },
      etaMin,
    ],
    build: (o, v) => new CosineAnnealingLR(o, { tMax: num(v, "tMax"), etaMin: num(v, "etaMin") }),
  },
  {
    name: "CosineAnnealingWarmRestarts",
    doc: "cosine annealing restarted every t0 epochs (period × tMult after each restart)",
    options: [
      { name: "t0", kind: integer(1), initial: 10, doc: "epochs until the first restart" },
      { name: "tMult", kind: integer(1), initial: 2, doc: "period factor after each restart" },
      etaMin,
    ],
    build: (o, v) =>
      new CosineAnnealingWarmRestarts(o, {
        t0: num(v, "t0"),
        tMult: num(v, "tMult"),
        etaMin: num(v, "etaMin"),
      }),
  },
  {
    name: "CyclicLR",
    doc: "cycles between baseLr and maxLr (usually stepped per batch)",
    options: [
      { name: "baseLr", kind: number(0, undefined, 0.001), initial: 0.01, doc: "lower boundary" },
      { name: "maxLr", kind: number(0, undefined, 0.001), initial: 0.1, doc: "upper boundary" },
      { name: "stepSizeUp", kind: integer(1), initial: 10, doc: "steps in the rising half" },
      {
        name: "mode",
        kind: { type: "enum", values: ["triangular", "triangular2", "exp_range"] },
        initial: "triangular2",
        doc: "amplitude policy",
      },
      { name: "gamma", kind: number(0, 1, 0.001), initial: 0.99, doc: "exp_range's base" },
    ],
    build: (o, v) =>
      new CyclicLR(o, {
        baseLr: num(v, "baseLr"),
        maxLr: num(v, "maxLr"),
        stepSizeUp: num(v, "stepSizeUp"),
        mode: str<CyclicMode>(v, "mode"),
        gamma: num(v, "gamma"),
      }),
  },
  {
    name: "OneCycleLR",
    doc: "the 1cycle policy: up to maxLr, then down far below the initial lr",
    options: [
      { name: "maxLr", kind: number(0, undefined, 0.01), initial: 0.1, doc: "peak lr" },
      { name: "totalSteps", kind: integer(1), initial: 101, doc: "steps in the cycle" },
      {
        name: "pctStart",
        kind: number(0, 1, 0.05),
        initial: 0.3,
        doc: "share of the cycle rising",
      },
      { name: "annealStrategy", kind: anneal, initial: "cos", doc: "shape of each phase" },
      { name: "divFactor", kind: number(1), initial: 25, doc: "initial lr = maxLr / divFactor" },
      { name: "threePhase", kind: { type: "boolean" }, initial: false, doc: "three phases" },
    ],
    build: (o, v) =>
      new OneCycleLR(o, {
        maxLr: num(v, "maxLr"),
        totalSteps: num(v, "totalSteps"),
        pctStart: num(v, "pctStart"),
        annealStrategy: str<"cos" | "linear">(v, "annealStrategy"),
        divFactor: num(v, "divFactor"),
        threePhase: bool(v, "threePhase"),
      }),
  },
  {
    name: "ReduceLROnPlateau",
    doc: "lr × factor when the metric stops improving for patience epochs",
    options: [
      { name: "factor", kind: number(0, 1, 0.05), initial: 0.5, doc: "new lr = lr × factor" },
      { name: "patience", kind: integer(0), initial: 5, doc: "bad epochs tolerated" },
      { name: "cooldown", kind: integer(0), initial: 0, doc: "epochs to wait after a reduction" },
      {
        name: "plateauAt",
        kind: integer(1),
        initial: 30,
        doc: "the playground's loss (the metric) stops improving at this epoch",
      },
    ],
    build: (o, v) =>
      new ReduceLROnPlateau(o, {
        factor: num(v, "factor"),
        patience: num(v, "patience"),
        cooldown: num(v, "cooldown"),
      }),
    metrics: (steps, v) =>
      Array.from({ length: steps }, (_, i) => 1 / (1 + Math.min(i, num(v, "plateauAt")))),
  },
  {
    name: "SWALR",
    doc: "anneals each group's lr to swaLr over annealEpochs",
    options: [
      { name: "swaLr", kind: number(0, undefined, 0.001), initial: 0.02, doc: "the lr to reach" },
      { name: "annealEpochs", kind: integer(0), initial: 20, doc: "epochs of annealing" },
      { name: "annealStrategy", kind: anneal, initial: "cos", doc: "shape of the annealing" },
    ],
    build: (o, v) =>
      new SWALR(o, {
        swaLr: num(v, "swaLr"),
        annealEpochs: num(v, "annealEpochs"),
        annealStrategy: str<"cos" | "linear">(v, "annealStrategy"),
      }),
  },
  {
    name: "SequentialLR",
    doc: "LinearLR warmup, then CosineAnnealingLR, switching at the milestone",
    options: [
      { name: "milestone", kind: integer(1), initial: 10, doc: "epochs of LinearLR warmup" },
      { name: "tMax", kind: integer(1), initial: 90, doc: "CosineAnnealingLR's half period" },
    ],
    build: (o, v) =>
      new SequentialLR(o, {
        schedulers: [
          new LinearLR(o, { startFactor: 0.1, totalIters: num(v, "milestone") }),
          new CosineAnnealingLR(o, { tMax: num(v, "tMax") }),
        ],
        milestones: [num(v, "milestone")],
      }),
  },
  {
    name: "ChainedScheduler",
    doc: "ConstantLR and ExponentialLR stepped together, each scaling what the other wrote",
    options: [
      { name: "factor", kind: number(0, 1, 0.05), initial: 0.1, doc: "ConstantLR's factor" },
      { name: "totalIters", kind: integer(0), initial: 10, doc: "ConstantLR's epochs" },
      gamma(0.97),
    ],
    build: (o, v) =>
      new ChainedScheduler([
        new ConstantLR(o, { factor: num(v, "factor"), totalIters: num(v, "totalIters") }),
        new ExponentialLR(o, { gamma: num(v, "gamma") }),
      ]),
  },
  {
    name: "linearWarmupCosine",
    doc: "preset: linear warmup, then cosine decay to etaMin at totalSteps",
    options: [
      warmupSteps,
      { name: "totalSteps", kind: integer(1), initial: 100, doc: "warmup and decay steps" },
      warmupStartFactor,
      etaMin,
    ],
    build: (o, v) =>
      linearWarmupCosine(o, {
        warmupSteps: num(v, "warmupSteps"),
        totalSteps: num(v, "totalSteps"),
        warmupStartFactor: num(v, "warmupStartFactor"),
        etaMin: num(v, "etaMin"),
      }),
  },
  {
    name: "linearWarmupStep",
    doc: "preset: linear warmup, then lr × gamma every stepSize steps",
    options: [
      warmupSteps,
      { name: "stepSize", kind: integer(1), initial: 30, doc: "period of decay after the warmup" },
      gamma(0.5),
      warmupStartFactor,
    ],
    build: (o, v) =>
      linearWarmupStep(o, {
        warmupSteps: num(v, "warmupSteps"),
        stepSize: num(v, "stepSize"),
        gamma: num(v, "gamma"),
        warmupStartFactor: num(v, "warmupStartFactor"),
      }),
  },
  {
    name: "warmupStableDecay",
    doc: "preset: linear warmup, constant, then linear decay",
    options: [
      warmupSteps,
      { name: "stableSteps", kind: integer(0), initial: 50, doc: "steps at the base lr" },
      { name: "decaySteps", kind: integer(1), initial: 40, doc: "steps of linear decay" },
      warmupStartFactor,
      { name: "endFactor", kind: number(0, 1, 0.01), initial: 0, doc: "factor at the end" },
    ],
    build: (o, v) =>
      warmupStableDecay(o, {
        warmupSteps: num(v, "warmupSteps"),
        stableSteps: num(v, "stableSteps"),
        decaySteps: num(v, "decaySteps"),
        warmupStartFactor: num(v, "warmupStartFactor"),
        endFactor: num(v, "endFactor"),
      }),
  },
];

/** The catalog entry named `name`, if any. */
export function findEntry(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}

/** The starting values of `entry`'s options. */
export function initialValues(entry: CatalogEntry): OptionValues {
  return Object.fromEntries(entry.options.map((field) => [field.name, field.initial]));
}
