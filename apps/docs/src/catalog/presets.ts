import { linearWarmupCosine, linearWarmupStep, warmupStableDecay } from "@kindling/lr-scheduler";
import { num } from "../options.js";
import {
  type CatalogEntry,
  etaMin,
  gamma,
  integer,
  number,
  warmupStartFactor,
  warmupSteps,
} from "./fields.js";

/** Kindling's warmup presets. */
export const PRESETS: readonly CatalogEntry[] = [
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
