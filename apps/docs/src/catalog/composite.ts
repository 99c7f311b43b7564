import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  ReduceLROnPlateau,
  SequentialLR,
} from "@kindling/lr-scheduler";
import { num } from "../options.js";
import { type CatalogEntry, gamma, integer, number } from "./fields.js";

/** ReduceLROnPlateau, which follows a metric, and the schedulers that combine others. */
export const COMPOSITE_SCHEDULERS: readonly CatalogEntry[] = [
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
];
