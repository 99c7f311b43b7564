import { linearWarmupCosine } from "../presets/linearWarmupCosine.js";
import { linearWarmupStep } from "../presets/linearWarmupStep.js";
import { warmupStableDecay } from "../presets/warmupStableDecay.js";
import { ChainedScheduler } from "../schedulers/chainedScheduler.js";
import { ConstantLR } from "../schedulers/constantLR.js";
import { CosineAnnealingLR } from "../schedulers/cosineAnnealingLR.js";
import { CosineAnnealingWarmRestarts } from "../schedulers/cosineAnnealingWarmRestarts.js";
import { CyclicLR } from "../schedulers/cyclicLR.js";
import { ExponentialLR } from "../schedulers/exponentialLR.js";
import { LambdaLR } from "../schedulers/lambdaLR.js";
import { LinearLR } from "../schedulers/linearLR.js";
import { MultiplicativeLR } from "../schedulers/multiplicativeLR.js";
import { MultiStepLR } from "../schedulers/multiStepLR.js";
import { OneCycleLR } from "../schedulers/oneCycleLR.js";
import { PolynomialLR } from "../schedulers/polynomialLR.js";
import { ReduceLROnPlateau } from "../schedulers/reduceLROnPlateau.js";
import { SequentialLR } from "../schedulers/sequentialLR.js";
import { StepLR } from "../schedulers/stepLR.js";
import { SWALR } from "../schedulers/swalr.js";
import { KIND, optional, required } from "./options.js";
import type { SchedulerInfo, SchedulerOption } from "./schedulerInfo.js";

// The classes check their options (PyTorch's messages); the casts only name the options' types.
// biome-ignore lint/suspicious/noExplicitAny: each constructor declares its own options type.
type AnyOptions = any;
const as = (o: Readonly<Record<string, unknown>>): AnyOptions => o;

const gamma = (dflt: number): SchedulerOption =>
  optional("gamma", KIND.number, dflt, "multiplicative factor of the lr's decay", { min: 0 });
const etaMin = optional("etaMin", KIND.number, 0, "the minimum lr", { min: 0 });
const schedulers = required(
  "schedulers",
  KIND.schedulers,
  "the schedulers, built on the same optimizer",
);
const warmupSteps = required("warmupSteps", KIND.integer, "steps of linear warmup", { min: 1 });
const warmupStartFactor = optional(
  "warmupStartFactor",
  KIND.number,
  0.01,
  "the warmup's first factor of the base lr, in (0, 1]",
  { min: 0, max: 1 },
);
const cycleMomentum = optional(
  "cycleMomentum",
  KIND.boolean,
  true,
  "cycle the momentum (or Adam's beta1) inversely to the lr",
);

/**
 * Every scheduler and preset of this package, described for tools: option names (camelCase and
 * PyTorch's), types, PyTorch's defaults, bounds, a drawable example, and a constructor. The
 * `kindling` CLI reads its options from text with it, and the docs' playground draws its forms.
 *
 * @example
 * ```ts
 * const info = findSchedulerInfo("StepLR")!;
 * info.options.map((o) => `${o.name} (${o.torch})`); // ["stepSize (step_size)", "gamma (gamma)"]
 * const scheduler = info.create(optimizer, { stepSize: 30 });
 * ```
 */
export const SCHEDULER_CATALOG: readonly SchedulerInfo[] = [
  {
    name: "LambdaLR",
    kind: "scheduler",
    doc: "lr = initial lr × lrLambda(epoch)",
    stepArgument: "none",
    options: [required("lrLambda", KIND.epoch, "the factor, a function or expression of epoch")],
    example: { lrLambda: "0.95 ** epoch" },
    create: (o, v) => new LambdaLR(o, as(v)),
  },
  {
    name: "MultiplicativeLR",
    kind: "scheduler",
    doc: "lr = previous lr × lrLambda(epoch), from epoch 1",
    stepArgument: "none",
    options: [
      required("lrLambda", KIND.epoch, "the per-epoch factor, a function or expression of epoch"),
    ],
    example: { lrLambda: "0.95" },
    create: (o, v) => new MultiplicativeLR(o, as(v)),
  },
  {
    name: "StepLR",
    kind: "scheduler",
    doc: "lr × gamma every stepSize epochs",
    stepArgument: "none",
    options: [
      required("stepSize", KIND.integer, "period of decay, in epochs", { min: 1 }),
      gamma(0.1),
    ],
    example: { stepSize: 30, gamma: 0.1 },
    create: (o, v) => new StepLR(o, as(v)),
  },
  {
    name: "MultiStepLR",
    kind: "scheduler",
    doc: "lr × gamma at each milestone epoch",
    stepArgument: "none",
    options: [required("milestones", KIND.integers, "non-decreasing epochs"), gamma(0.1)],
    example: { milestones: [30, 80], gamma: 0.1 },
    create: (o, v) => new MultiStepLR(o, as(v)),
  },
  {
    name: "ConstantLR",
    kind: "scheduler",
    doc: "lr × factor until totalIters, then the initial lr",
    stepArgument: "none",
    options: [
      optional("factor", KIND.number, 1 / 3, "the factor, in (0, 1]", { min: 0, max: 1 }),
      optional("totalIters", KIND.integer, 5, "epochs at the reduced lr", { min: 0 }),
    ],
    example: { factor: 0.5, totalIters: 20 },
    create: (o, v) => new ConstantLR(o, as(v)),
  },
  {
    name: "LinearLR",
    kind: "scheduler",
    doc: "factor going linearly from startFactor to endFactor over totalIters epochs",
    stepArgument: "none",
    options: [
      optional("startFactor", KIND.number, 1 / 3, "the first factor, in (0, 1]", {
        min: 0,
        max: 1,
      }),
      optional("endFactor", KIND.number, 1, "the last factor, in [0, 1]", { min: 0, max: 1 }),
      optional("totalIters", KIND.integer, 5, "epochs of the ramp", { min: 1 }),
    ],
    example: { startFactor: 0.1, endFactor: 1, totalIters: 30 },
    create: (o, v) => new LinearLR(o, as(v)),
  },
  {
    name: "ExponentialLR",
    kind: "scheduler",
    doc: "lr × gamma every epoch",
    stepArgument: "none",
    options: [
      required("gamma", KIND.number, "multiplicative factor of the lr's decay", { min: 0 }),
    ],
    example: { gamma: 0.97 },
    create: (o, v) => new ExponentialLR(o, as(v)),
  },
  {
    name: "PolynomialLR",
    kind: "scheduler",
    doc: "lr × (1 - epoch / totalIters) ** power until totalIters",
    stepArgument: "none",
    options: [
      optional("totalIters", KIND.integer, 5, "epochs of decay", { min: 1 }),
      optional("power", KIND.number, 1, "the polynomial's power"),
    ],
    example: { totalIters: 80, power: 2 },
    create: (o, v) => new PolynomialLR(o, as(v)),
  },
  {
    name: "CosineAnnealingLR",
    kind: "scheduler",
    doc: "cosine from the initial lr down to etaMin over tMax epochs",
    stepArgument: "none",
    options: [
      required("tMax", KIND.number, "half period, in epochs", { torch: "T_max", min: 0 }),
      etaMin,
    ],
    example: { tMax: 50, etaMin: 0.001 },
    create: (o, v) => new CosineAnnealingLR(o, as(v)),
  },
  {
    name: "CosineAnnealingWarmRestarts",
    kind: "scheduler",
    doc: "cosine annealing restarted every t0 epochs (period × tMult after each restart)",
    stepArgument: "none",
    options: [
      required("t0", KIND.integer, "epochs until the first restart", { torch: "T_0", min: 1 }),
      optional("tMult", KIND.integer, 1, "period factor after each restart", {
        torch: "T_mult",
        min: 1,
      }),
      etaMin,
    ],
    example: { t0: 10, tMult: 2 },
    create: (o, v) => new CosineAnnealingWarmRestarts(o, as(v)),
  },
  {
    name: "CyclicLR",
    kind: "scheduler",
    doc: "cycles between baseLr and maxLr (usually stepped per batch)",
    stepArgument: "none",
    options: [
      required("baseLr", KIND.numbers, "the lower lr boundary"),
      required("maxLr", KIND.numbers, "the upper lr boundary"),
      optional("stepSizeUp", KIND.number, 2000, "steps in the rising half", { min: 1 }),
      optional("stepSizeDown", KIND.number, null, "steps in the falling half (None: stepSizeUp)", {
        min: 1,
      }),
      optional(
        "mode",
        { type: "enum", values: ["triangular", "triangular2", "exp_range"] },
        "triangular",
        "the cycle's shape",
      ),
      gamma(1),
      optional(
        "scaleFn",
        { type: "expression", variable: "x" },
        null,
        "custom amplitude scaling in [0, 1]",
      ),
      optional(
        "scaleMode",
        { type: "enum", values: ["cycle", "iterations"] },
        "cycle",
        "what scaleFn's x is",
      ),
      cycleMomentum,
      optional("baseMomentum", KIND.numbers, 0.8, "momentum at the lr's peak"),
      optional("maxMomentum", KIND.numbers, 0.9, "momentum at the cycle's start"),
    ],
    example: { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 20, mode: "triangular2" },
    create: (o, v) => new CyclicLR(o, as(v)),
  },
  {
    name: "OneCycleLR",
    kind: "scheduler",
    doc: "the 1cycle policy: up to maxLr, then down far below the initial lr",
    stepArgument: "none",
    options: [
      required("maxLr", KIND.numbers, "the peak lr"),
      optional(
        "totalSteps",
        KIND.integer,
        null,
        "steps in the cycle (None: epochs × stepsPerEpoch)",
        { min: 1 },
      ),
      optional("epochs", KIND.integer, null, "with stepsPerEpoch, the cycle's length", { min: 1 }),
      optional("stepsPerEpoch", KIND.integer, null, "see epochs", { min: 1 }),
      optional("pctStart", KIND.number, 0.3, "share of the cycle rising, in [0, 1]", {
        min: 0,
        max: 1,
      }),
      optional("annealStrategy", KIND.anneal, "cos", "the annealing's shape"),
      cycleMomentum,
      optional("baseMomentum", KIND.numbers, 0.85, "momentum at the peak"),
      optional("maxMomentum", KIND.numbers, 0.95, "momentum at the start and the end"),
      optional("divFactor", KIND.number, 25, "initial lr = maxLr / divFactor"),
      optional("finalDivFactor", KIND.number, 1e4, "min lr = initial lr / finalDivFactor"),
      optional("threePhase", KIND.boolean, false, "three phases instead of two"),
    ],
    example: { maxLr: 0.1, totalSteps: 150 },
    create: (o, v) => new OneCycleLR(o, as(v)),
  },
  {
    name: "ReduceLROnPlateau",
    kind: "scheduler",
    doc: "lr × factor when the metric stops improving for patience epochs",
    stepArgument: "metric",
    options: [
      optional(
        "mode",
        { type: "enum", values: ["min", "max"] },
        "min",
        "whether the metric should fall or rise",
      ),
      optional("factor", KIND.number, 0.1, "new lr = lr × factor, in [0, 1)", { min: 0, max: 1 }),
      optional("patience", KIND.integer, 10, "bad epochs tolerated", { min: 0 }),
      optional("threshold", KIND.number, 1e-4, "the least change that counts"),
      optional(
        "thresholdMode",
        { type: "enum", values: ["rel", "abs"] },
        "rel",
        "relative or absolute threshold",
      ),
      optional("cooldown", KIND.integer, 0, "epochs to wait after a reduction", { min: 0 }),
      optional("minLr", KIND.numbers, 0, "lower bound on the lr", { min: 0 }),
      optional("eps", KIND.number, 1e-8, "smaller reductions are skipped", { min: 0 }),
    ],
    example: { patience: 5, factor: 0.5 },
    create: (o, v) => new ReduceLROnPlateau(o, as(v)),
  },
  {
    name: "SWALR",
    kind: "scheduler",
    doc: "anneals each group's lr to swaLr over annealEpochs",
    stepArgument: "none",
    options: [
      required("swaLr", KIND.numbers, "the lr to anneal to"),
      optional("annealEpochs", KIND.integer, 10, "epochs of annealing", { min: 0 }),
      optional("annealStrategy", KIND.anneal, "cos", "the annealing's shape"),
    ],
    example: { swaLr: 0.02, annealEpochs: 30 },
    create: (o, v) => new SWALR(o, as(v)),
  },
  {
    name: "SequentialLR",
    kind: "scheduler",
    doc: "runs schedulers one after the other, switching at the milestones",
    stepArgument: "none",
    options: [
      schedulers,
      required("milestones", KIND.integers, "one fewer than schedulers, non-decreasing"),
    ],
    example: {
      schedulers: [
        { name: "LinearLR", options: { startFactor: 0.1, totalIters: 10 } },
        { name: "ExponentialLR", options: { gamma: 0.95 } },
      ],
      milestones: [10],
    },
    create: (o, v) => new SequentialLR(o, as(v)),
  },
  {
    name: "ChainedScheduler",
    kind: "scheduler",
    doc: "steps several schedulers together, each changing the lr the previous one wrote",
    stepArgument: "none",
    options: [schedulers],
    example: {
      schedulers: [
        { name: "ConstantLR", options: { factor: 0.5, totalIters: 10 } },
        { name: "ExponentialLR", options: { gamma: 0.97 } },
      ],
    },
    create: (_o, v) => new ChainedScheduler(as(v)),
  },
  {
    name: "linearWarmupCosine",
    kind: "preset",
    doc: "linear warmup, then cosine decay to etaMin at totalSteps",
    stepArgument: "none",
    options: [
      warmupSteps,
      required("totalSteps", KIND.integer, "warmup and decay steps", { min: 1 }),
      warmupStartFactor,
      etaMin,
    ],
    example: { warmupSteps: 10, totalSteps: 100 },
    create: (o, v) => linearWarmupCosine(o, as(v)),
  },
  {
    name: "linearWarmupStep",
    kind: "preset",
    doc: "linear warmup, then lr × gamma every stepSize steps",
    stepArgument: "none",
    options: [
      warmupSteps,
      required("stepSize", KIND.integer, "period of decay after the warmup", { min: 1 }),
      gamma(0.1),
      warmupStartFactor,
    ],
    example: { warmupSteps: 10, stepSize: 30, gamma: 0.5 },
    create: (o, v) => linearWarmupStep(o, as(v)),
  },
  {
    name: "warmupStableDecay",
    kind: "preset",
    doc: "linear warmup, constant, then linear decay",
    stepArgument: "none",
    options: [
      warmupSteps,
      required("stableSteps", KIND.integer, "steps at the base lr", { min: 0 }),
      required("decaySteps", KIND.integer, "steps of linear decay", { min: 1 }),
      warmupStartFactor,
      optional("endFactor", KIND.number, 0, "factor at the end of the decay, in [0, 1]", {
        min: 0,
        max: 1,
      }),
    ],
    example: { warmupSteps: 10, stableSteps: 50, decaySteps: 40 },
    create: (o, v) => warmupStableDecay(o, as(v)),
  },
];

/** The catalog entry named `name` (case ignored), if any. */
export function findSchedulerInfo(name: string): SchedulerInfo | undefined {
  const lower = name.toLowerCase();
  return SCHEDULER_CATALOG.find((s) => s.name.toLowerCase() === lower);
}
