import { CourseNet, type CourseNetOptions } from "./courseNet.js";

/** The course's keyword arguments shared by net_class1..4 (all but the hidden sizes). */
export type NetClassOptions = Omit<CourseNetOptions, "hiddenSizes" | "name">;

/**
 * `net_class1(act_fun=relu, in_features=2, n_hidden=4, out_features=1, bias=True, BN_model=None,
 * momentum=0.1)`: one hidden layer.
 */
export function netClass1(options: NetClassOptions & { nHidden?: number } = {}): CourseNet {
  return new CourseNet({ ...options, hiddenSizes: [options.nHidden ?? 4] });
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
  return new CourseNet({ ...options, hiddenSizes: [options.nHidden1 ?? 4, options.nHidden2 ?? 4] });
}

/** `net_class3(...)`: three hidden layers (`n_hidden1..3`, default 4 each). */
export function netClass3(
  options: NetClassOptions & { nHidden1?: number; nHidden2?: number; nHidden3?: number } = {},
): CourseNet {
  const sizes = [options.nHidden1 ?? 4, options.nHidden2 ?? 4, options.nHidden3 ?? 4];
  return new CourseNet({ ...options, hiddenSizes: sizes });
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
  const sizes = [
    options.nHidden1 ?? 4,
    options.nHidden2 ?? 4,
    options.nHidden3 ?? 4,
    options.nHidden4 ?? 4,
  ];
  return new CourseNet({ ...options, hiddenSizes: sizes });
}
