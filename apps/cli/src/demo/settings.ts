/** One stint of a run: epochs at a learning rate, with a fresh SGD optimizer (as the seed does). */
export interface Stint {
  /** Passes over the training data. */
  readonly epochs: number;
  /** The SGD learning rate of the stint (the initial lr when scheduled). */
  readonly lr: number;
}

/** One of the demo's training runs. */
export interface RunSpec {
  /** A short name, used in files and the JSON output. */
  readonly name: string;
  /** The legend and table label. */
  readonly label: string;
  /** The stints, run one after another on the same network. */
  readonly stints: readonly Stint[];
  /** LambdaLR's factor of the epoch, stepped once per epoch; absent for a constant lr. */
  readonly lrLambda?: string;
}

/** The seed's experiment settings (see issue 10 and the seed tutorial, section 3). */
export const DEMO = {
  dataSeed: 420,
  w: [2, -1, 3, 1, 2],
  bias: false,
  deg: 2,
  rows: 1000,
  rate: 0.7,
  batchSize: 50,
  netSeed: 24,
  inFeatures: 5,
  hidden: [4, 4],
  activation: "tanh",
  bnModel: "pre",
  epochs: 60,
} as const;

/** The four runs the seed compares, in its order. */
export const RUNS: readonly RunSpec[] = [
  {
    name: "lambda-0.95",
    label: "LambdaLR 0.95 ** epoch, lr 0.05",
    stints: [{ epochs: DEMO.epochs, lr: 0.05 }],
    lrLambda: "0.95 ** epoch",
  },
  { name: "constant-0.03", label: "constant lr 0.03", stints: [{ epochs: DEMO.epochs, lr: 0.03 }] },
  { name: "constant-0.01", label: "constant lr 0.01", stints: [{ epochs: DEMO.epochs, lr: 0.01 }] },
  {
    name: "hand-tuned",
    label: "30 epochs at 0.03, then 30 at 0.01",
    stints: [
      { epochs: DEMO.epochs / 2, lr: 0.03 },
      { epochs: DEMO.epochs / 2, lr: 0.01 },
    ],
  },
];
