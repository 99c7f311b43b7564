import {
  ConstantLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  MultiplicativeLR,
  MultiStepLR,
  PolynomialLR,
  StepLR,
} from "@kindling/lr-scheduler";
import { ints, num, str } from "../options.js";
import { type CatalogEntry, epochExpression, gamma, integer, number } from "./fields.js";

/** The schedulers that multiply the initial or the previous lr by a factor. */
export const FACTOR_SCHEDULERS: readonly CatalogEntry[] = [
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
];
