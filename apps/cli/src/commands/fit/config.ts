import { UserError } from "../../errors.js";
import { didYouMean } from "../../util/nearest.js";

/** Where BatchNorm goes in the course's networks (`BN_model`), `none` for PyTorch's None. */
export type BatchNormMode = "pre" | "post" | "none";

/** The activations `kindling fit` offers (`act_fun`). */
export const ACTIVATIONS = [
  "tanh",
  "relu",
  "sigmoid",
  "gelu",
  "elu",
  "silu",
  "leaky_relu",
] as const;

/** One of {@link ACTIVATIONS}. */
export type Activation = (typeof ACTIVATIONS)[number];

/** A stint: `epochs` passes at `lr`, with a fresh optimizer (and scheduler) as the seed does. */
export interface Stint {
  /** Passes over the training data, >= 1. */
  readonly epochs: number;
  /** The stint's (initial) learning rate, > 0. */
  readonly lr: number;
}

/**
 * Everything a `kindling fit` run depends on; a checkpoint stores it, so `--resume` needs nothing
 * else. The JSON config file (`--config`) has these keys; flags override them.
 */
export interface FitConfig {
  /** `regression` (tensorGenReg, MSE) or `classification` (tensorGenCla, cross-entropy, accuracy). */
  readonly task: "regression" | "classification";
  /** Rows (regression) or rows per class (classification). */
  readonly rows: number;
  /** Regression: the true coefficients (`w`); their count is the number of features. */
  readonly w: readonly number[];
  /** Regression: `w` ends with an intercept and a column of ones is added (`bias`). */
  readonly bias: boolean;
  /** Regression: the power of the features in the true relation (`deg`). */
  readonly deg: number;
  /** Regression: the label noise's standard deviation (`delta`). */
  readonly noise: number;
  /** Classification: features per row (`num_inputs`). */
  readonly features: number;
  /** Classification: the number of classes (`num_class`). */
  readonly classes: number;
  /** Classification: class-centre spacing and spread (`deg_dispersion`). */
  readonly dispersion: readonly [number, number];
  /** `manual_seed` before the data are drawn. */
  readonly dataSeed: number;
  /** Share of rows in the training split (`rate`), in (0, 1). */
  readonly rate: number;
  /** Hidden layer sizes, 1 to 4 layers (`net_class1..4`). */
  readonly hidden: readonly number[];
  /** The activation after each hidden layer. */
  readonly activation: Activation;
  /** Where BatchNorm goes. */
  readonly batchNorm: BatchNormMode;
  /** `manual_seed` before the network is built (its initial weights). */
  readonly netSeed: number;
  /** The optimizer, as `Name` or `Name(key=value, ...)` without lr, e.g. `SGD(momentum=0.9)`. */
  readonly optimizer: string;
  /** The learning rate of a single-stint run. */
  readonly lr: number;
  /** The scheduler, as `Name(key=value, ...)`, stepped once per epoch; null for a constant lr. */
  readonly scheduler: string | null;
  /** Epochs of a single-stint run. */
  readonly epochs: number;
  /** Rows per training batch. */
  readonly batchSize: number;
  /** Stints run one after another on the same network; null: one stint of `epochs` at `lr`. */
  readonly plan: readonly Stint[] | null;
}

/** The seed's experiment: its data, its network and its best run (LambdaLR 0.95 ** epoch at 0.05). */
export const FIT_DEFAULTS: FitConfig = {
  task: "regression",
  rows: 1000,
  w: [2, -1, 3, 1, 2],
  bias: false,
  deg: 2,
  noise: 0.01,
  features: 2,
  classes: 3,
  dispersion: [4, 2],
  dataSeed: 420,
  rate: 0.7,
  hidden: [4, 4],
  activation: "tanh",
  batchNorm: "pre",
  netSeed: 24,
  optimizer: "SGD",
  lr: 0.05,
  scheduler: "LambdaLR(lrLambda=0.95 ** epoch)",
  epochs: 60,
  batchSize: 50,
  plan: null,
};

/** The rows per class of a classification run when `rows` is not given (the course's default). */
export const CLASSIFICATION_ROWS = 500;

type Check = (value: unknown, where: string) => unknown;

const fail = (where: string, expected: string, value: unknown): never => {
  throw new UserError(`${where} must be ${expected}, got ${JSON.stringify(value)}`);
};

function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const n = Number(value.trim());
  return Number.isNaN(n) ? undefined : n;
}

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value, where) => {
    const n = numberOf(value);
    return n !== undefined && Number.isInteger(n) && n >= min && n <= max
      ? n
      : fail(
          where,
          `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}`,
          value,
        );
  };

const positive: Check = (value, where) => {
  const n = numberOf(value);
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : fail(where, "a number > 0", value);
};

const nonNegative: Check = (value, where) => {
  const n = numberOf(value);
  return n !== undefined && Number.isFinite(n) && n >= 0 ? n : fail(where, "a number >= 0", value);
};

const fraction: Check = (value, where) => {
  const n = numberOf(value);
  return n !== undefined && n > 0 && n < 1 ? n : fail(where, "a number in (0, 1)", value);
};

const boolean: Check = (value, where) => {
  if (typeof value === "boolean") return value;
  const t = String(value).toLowerCase();
  if (t === "true" || t === "1" || t === "yes") return true;
  if (t === "false" || t === "0" || t === "no") return false;
  return fail(where, "true or false", value);
};

const oneOf =
  (values: readonly string[]): Check =>
  (value, where) => {
    const t = String(value).toLowerCase();
    const found = values.find((v) => v === t);
    if (found !== undefined) return found;
    throw new UserError(
      `${where} must be one of ${values.join(", ")}, got ${JSON.stringify(value)}${didYouMean(t, values)}`,
    );
  };

const list =
  (item: Check, min: number, max: number, expected: string): Check =>
  (value, where) => {
    const items = Array.isArray(value)
      ? value
      : typeof value === "string"
        ? value.split(",").map((s) => s.trim())
        : fail(where, expected, value);
    if (items.length < min || items.length > max) fail(where, expected, value);
    return items.map((v, i) => item(v, `${where}[${i}]`));
  };

const finite: Check = (value, where) => {
  const n = numberOf(value);
  return n !== undefined && Number.isFinite(n) ? n : fail(where, "a finite number", value);
};

const text: Check = (value, where) =>
  typeof value === "string" && value.trim() !== ""
    ? value.trim()
    : fail(where, "a non-empty text", value);

const schedulerText: Check = (value, where) =>
  value === null || String(value).toLowerCase() === "none" ? null : text(value, where);

/** Parses a plan such as `30@0.03,30@0.01`: stints of `epochs@lr`. */
export function parsePlan(value: unknown, where = "--plan"): Stint[] {
  if (Array.isArray(value)) {
    return value.map((s, i) => {
      const stint = s as { epochs?: unknown; lr?: unknown };
      return {
        epochs: integer(1)(stint.epochs, `${where}[${i}].epochs`) as number,
        lr: positive(stint.lr, `${where}[${i}].lr`) as number,
      };
    });
  }
  const source = String(value).trim();
  const parts = source.split(",").map((p) => p.trim());
  if (source === "" || parts.some((p) => !/^[^@]+@[^@]+$/.test(p))) {
    throw new UserError(
      `${where} must be stints of epochs@lr separated by commas, such as "30@0.03,30@0.01", got ${JSON.stringify(source)}`,
    );
  }
  return parts.map((part) => {
    const [epochs, lr] = part.split("@") as [string, string];
    return {
      epochs: integer(1)(epochs, `${where} stint "${part}": epochs`) as number,
      lr: positive(lr, `${where} stint "${part}": lr`) as number,
    };
  });
}

const plan: Check = (value, where) => (value === null ? null : parsePlan(value, where));

/** How each key of {@link FitConfig} is read from a flag or the config file. */
const CHECKS: Record<keyof FitConfig, Check> = {
  task: oneOf(["regression", "classification"]),
  rows: integer(2, 10_000_000),
  w: list(finite, 1, 1000, "a list of 1 to 1000 numbers such as 2,-1,3"),
  bias: boolean,
  deg: integer(1, 10),
  noise: nonNegative,
  features: integer(1, 10_000),
  classes: integer(2, 1000),
  dispersion: list(finite, 2, 2, "two numbers such as 4,2 (spacing, spread)"),
  dataSeed: integer(0, 2 ** 53 - 1),
  rate: fraction,
  hidden: list(integer(1, 100_000), 1, 4, "1 to 4 layer sizes such as 4,4"),
  activation: oneOf(ACTIVATIONS),
  batchNorm: oneOf(["pre", "post", "none"]),
  netSeed: integer(0, 2 ** 53 - 1),
  optimizer: text,
  lr: positive,
  scheduler: schedulerText,
  epochs: integer(1, 1_000_000),
  batchSize: integer(1, 10_000_000),
  plan,
};

/** The config keys, in documentation order. */
export const CONFIG_KEYS = Object.keys(CHECKS) as (keyof FitConfig)[];

/** The flag that sets config key `key` (`batchSize` → `--batch-size`). */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The run's config: the defaults, then the config file's keys (`fromFile`, checked: an unknown key
 * is refused with the nearest name), then the flags given (`fromFlags`, by config key).
 * @throws UserError naming the key or flag and the valid values.
 */
export function resolveConfig(
  fromFile: Record<string, unknown> | undefined,
  fromFlags: Partial<Record<keyof FitConfig, unknown>>,
  fileName = "the config file",
): FitConfig {
  const out: Record<string, unknown> = { ...FIT_DEFAULTS };
  for (const [key, value] of Object.entries(fromFile ?? {})) {
    const check = CHECKS[key as keyof FitConfig];
    if (check === undefined) {
      throw new UserError(
        `${fileName} has an unknown key "${key}"${didYouMean(key, CONFIG_KEYS)}; its keys: ${CONFIG_KEYS.join(", ")}`,
      );
    }
    out[key] = check(value, `${fileName}: ${key}`);
  }
  for (const [key, value] of Object.entries(fromFlags)) {
    if (value === undefined) continue;
    out[key] = CHECKS[key as keyof FitConfig](value, flagOf(key));
  }
  const config = out as unknown as FitConfig;
  if (
    config.task === "classification" &&
    fromFile?.rows === undefined &&
    fromFlags.rows === undefined
  ) {
    return { ...config, rows: CLASSIFICATION_ROWS };
  }
  return config;
}

/** The stints a config runs: its plan, or one stint of `epochs` at `lr`. */
export function stintsOf(config: FitConfig): Stint[] {
  return config.plan === null ? [{ epochs: config.epochs, lr: config.lr }] : [...config.plan];
}
