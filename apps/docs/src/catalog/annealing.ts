import { CosineAnnealingLR, CosineAnnealingWarmRestarts, SWALR } from "@kindling/lr-scheduler";
import { num, str } from "../options.js";
import { anneal, type CatalogEntry, etaMin, integer, number } from "./fields.js";

/** The schedulers that anneal the lr along a cosine (or a line) to a floor. */
export const ANNEALING_SCHEDULERS: readonly CatalogEntry[] = [
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
];
