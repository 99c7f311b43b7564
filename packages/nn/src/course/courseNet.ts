import { optionKeys, rejectUnknownOptions, relu, type Tensor } from "@kindling/tensor";
import { BatchNorm1d } from "../layers/batchNorm1d.js";
import { Linear } from "../layers/linear.js";
import { Module } from "../module/module.js";

/** Where the course's networks put BatchNorm: before the activation, after it, or nowhere. */
export type BNModel = "pre" | "post" | null;

/** Options of {@link CourseNet}, with the course's defaults. */
export interface CourseNetOptions {
  /** The activation applied after each hidden layer. Default relu. */
  actFun?: (x: Tensor) => Tensor;
  /** Input features. Default 2. */
  inFeatures?: number;
  /** Size of each hidden layer (1 to 4 of them: net_class1..4). Default one 4 per layer. */
  hiddenSizes: readonly number[];
  /** Output features. Default 1. */
  outFeatures?: number;
  /** Biases in the Linear layers. Default true. */
  bias?: boolean;
  /** Where BatchNorm goes. Default null (the layers exist but are not used). */
  bnModel?: BNModel;
  /** BatchNorm momentum. Default 0.1. */
  momentum?: number | null;
  /** The name printed and used in error messages. Default `net_class<k>` for k hidden layers. */
  name?: string;
}

const BN_MODELS: readonly unknown[] = ["pre", "post", null];

const COURSE_NET_OPTIONS = optionKeys<CourseNetOptions>()(
  "actFun",
  "inFeatures",
  "hiddenSizes",
  "outFeatures",
  "bias",
  "bnModel",
  "momentum",
  "name",
);

/**
 * The course's MLPs `net_class1..4`: for k hidden layers, submodules registered as `linear1`,
 * `normalize1`, `linear2`, `normalize2`, ..., `linear<k+1>` (BatchNorm layers always exist), so
 * state-dict keys and parameter order are PyTorch's and state dicts load both ways. Forward:
 * `linear → act` per hidden layer, with `normalize` before the activation (`"pre"`), after it
 * (`"post"`), or not at all (null), then the output `linear`.
 *
 * @example
 * ```ts
 * manualSeed(24);
 * const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
 * [...net.stateDict().keys()][0]; // "linear1.weight"
 * ```
 */
export class CourseNet extends Module {
  /** The hidden and output Linear layers, in order. */
  readonly linears: readonly Linear[];
  /** The BatchNorm layer of each hidden layer, in order. */
  readonly normalizes: readonly BatchNorm1d[];
  /** Where BatchNorm goes. */
  readonly bnModel: BNModel;
  private readonly actFun: (x: Tensor) => Tensor;
  private readonly name: string;

  /** @throws RangeError for 0 or more than 4 hidden layers, invalid layer sizes, or a `bnModel` other than "pre", "post" or null; TypeError for an option it does not take. */
  constructor(options: CourseNetOptions) {
    super();
    if (new.target === CourseNet) rejectUnknownOptions("CourseNet", options, COURSE_NET_OPTIONS);
    const hidden = options.hiddenSizes;
    if (hidden.length < 1 || hidden.length > 4) {
      throw new RangeError(
        `CourseNet: between 1 and 4 hidden layers (net_class1..4), got ${hidden.length}`,
      );
    }
    if (options.bnModel !== undefined && !BN_MODELS.includes(options.bnModel)) {
      throw new RangeError(
        `CourseNet: bnModel must be "pre", "post" or null (BN_model), got ${JSON.stringify(options.bnModel)}`,
      );
    }
    const bias = options.bias ?? true;
    const momentum = options.momentum === undefined ? 0.1 : options.momentum;
    const linears: Linear[] = [];
    const normalizes: BatchNorm1d[] = [];
    let width = options.inFeatures ?? 2;
    hidden.forEach((size, i) => {
      linears.push(this.module(`linear${i + 1}`, new Linear(width, size, { bias })));
      normalizes.push(this.module(`normalize${i + 1}`, new BatchNorm1d(size, { momentum })));
      width = size;
    });
    const out = new Linear(width, options.outFeatures ?? 1, { bias });
    linears.push(this.module(`linear${hidden.length + 1}`, out));
    this.linears = linears;
    this.normalizes = normalizes;
    this.bnModel = options.bnModel ?? null;
    this.actFun = options.actFun ?? relu;
    this.name = options.name ?? `net_class${hidden.length}`;
  }

  override getName(): string {
    return this.name;
  }

  /** Runs the network on `[N, inFeatures]` input. */
  forward(x: Tensor): Tensor {
    let h = x;
    this.normalizes.forEach((normalize, i) => {
      h = this.linears[i]!.call(h);
      if (this.bnModel === "pre") h = this.actFun(normalize.call(h));
      else if (this.bnModel === "post") h = normalize.call(this.actFun(h));
      else h = this.actFun(h);
    });
    return this.linears[this.linears.length - 1]!.call(h);
  }
}
