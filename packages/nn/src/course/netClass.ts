import { optionKeys, rejectUnknownOptions } from "@kindling/tensor";
import { CourseNet, type CourseNetOptions } from "./courseNet.js";

/** The course's keyword arguments shared by net_class1..4 (all but the hidden sizes). */
export type NetClassOptions = Omit<CourseNetOptions, "hiddenSizes" | "name">;

const NET_CLASS_OPTIONS = optionKeys<NetClassOptions>()(
  "actFun",
  "inFeatures",
  "outFeatures",
  "bias",
  "bnModel",
  "momentum",
);

/**
 * The CourseNet of `fn` (`netClass2`...) whose hidden sizes are read from `hiddenKeys` (4 when
 * omitted), refusing keys `fn` does not take, as Python refuses an unexpected keyword argument.
 */
function courseNet(
  fn: string,
  options: NetClassOptions & Partial<Record<string, unknown>>,
  hiddenKeys: readonly string[],
): CourseNet {
  rejectUnknownOptions(fn, options, [...NET_CLASS_OPTIONS, ...hiddenKeys]);
  const rest: Record<string, unknown> = { ...options };
  for (const key of hiddenKeys) delete rest[key];
  const hiddenSizes = hiddenKeys.map((key) => (options[key] as number | undefined) ?? 4);
  return new CourseNet({ ...(rest as NetClassOptions), hiddenSizes });
}

/**
 * `net_class1(act_fun=relu, in_features=2, n_hidden=4, out_features=1, bias=True, BN_model=None,
 * momentum=0.1)`: one hidden layer.
 */
export function netClass1(options: NetClassOptions & { nHidden?: number } = {}): CourseNet {
  return courseNet("netClass1", options, ["nHidden"]);
}

/**
 * `net_class2(act_fun=relu, in_features=2, n_hidden1=4, n_hidden2=4, out_features=1, bias=True,
 * BN_model=None, momentum=0.1)`: two hidden layers; the seed tutorial's network.
 *
 * @example
 * ```ts
 * manualSeed(24);
 * const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" }); // PyTorch's weights
 * ```
 */
export function netClass2(
  options: NetClassOptions & { nHidden1?: number; nHidden2?: number } = {},
): CourseNet {
  return courseNet("netClass2", options, ["nHidden1", "nHidden2"]);
}

/** `net_class3(...)`: three hidden layers (`n_hidden1..3`, default 4 each). */
export function netClass3(
  options: NetClassOptions & { nHidden1?: number; nHidden2?: number; nHidden3?: number } = {},
): CourseNet {
  return courseNet("netClass3", options, ["nHidden1", "nHidden2", "nHidden3"]);
}

/** `net_class4(...)`: four hidden layers (`n_hidden1..4`, default 4 each). */
export function netClass4(
  options: NetClassOptions & {
    nHidden1?: number;
    nHidden2?: number;
    nHidden3?: number;
    nHidden4?: number;
  } = {},
): CourseNet {
  return courseNet("netClass4", options, ["nHidden1", "nHidden2", "nHidden3", "nHidden4"]);
}
