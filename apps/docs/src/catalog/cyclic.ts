import { CyclicLR, type CyclicMode, OneCycleLR } from "@kindling/lr-scheduler";
import { bool, num, str } from "../options.js";
import { anneal, type CatalogEntry, integer, number } from "./fields.js";

/** The schedulers that move the lr up and down (usually stepped per batch). */
export const CYCLIC_SCHEDULERS: readonly CatalogEntry[] = [
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
];
