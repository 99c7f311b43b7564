import { optionKeys, rejectUnknownOptions, Tensor, zerosLike } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep, readScalar, scalarState } from "../kernels/scalarState.js";

/** Options of {@link ASGD}; each maps to PyTorch's keyword argument of the same meaning. */
export interface ASGDOptions {
  /** Learning rate (`lr`). Default 1e-2. */
  lr?: number;
  /** Decay term (`lambd`). Default 1e-4. */
  lambd?: number;
  /** Power of the step-size decay, η = lr / (1 + λ·lr·t)^α (`alpha`). Default 0.75. */
  alpha?: number;
  /** The step after which averaging starts (`t0`). Default 1e6. */
  t0?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
}

/** An ASGD parameter group, with PyTorch 1.13's keys and key order. */
export interface ASGDGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** Decay term. */
  lambd: number;
  /** Power of the step-size decay. */
  alpha: number;
  /** The step after which averaging starts. */
  t0: number;
  /** L2 penalty. */
  weight_decay: number;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** Maximize instead of minimize. */
  maximize: boolean;
}

/** The keys ASGD's options take. */
const OPTIONS = optionKeys<ASGDOptions>()(
  "lr",
  "lambd",
  "alpha",
  "t0",
  "weightDecay",
  "foreach",
  "maximize",
);

/**
 * Averaged stochastic gradient descent (Polyak and Juditsky), in PyTorch 1.13's exact sequence
 * of operations (`_single_tensor_asgd`):
 *
 * g = ±grad (+ weight_decay · p); p = p · (1 − λ·η); p = p − η·g; then the average
 * ax = ax + μ·(p − ax) (a copy of p while μ is 1); η = lr / (1 + λ·lr·t)^α and
 * μ = 1 / max(1, t − t0) for the next step.
 *
 * Defaults: lr 1e-2, lambd 1e-4, alpha 0.75, t0 1e6, weightDecay 0. State per parameter, in
 * PyTorch's key order: `step`, `eta` and `mu` (float32 scalar tensors, as in PyTorch, whatever
 * the parameter's dtype) and `ax`, the running average of the parameter, which is what the
 * method returns as its estimate (PyTorch leaves it in the state too).
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new ASGD([w], { lr: 0.05, t0: 10 });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "eta", "mu", "ax"]
 * ```
 */
export class ASGD extends Optimizer<ASGDGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link ASGDOptions}.
   */
  constructor(params: ParamsInput, options: ASGDOptions = {}) {
    if (new.target === ASGD) rejectUnknownOptions("ASGD", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-2,
      lambd: options.lambd ?? 1e-4,
      alpha: options.alpha ?? 0.75,
      t0: options.t0 ?? 1e6,
      weight_decay: options.weightDecay ?? 0,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
    });
  }

  protected override validateGroup(group: ASGDGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("weight_decay value", group.weight_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: ASGDGroup): void {
    if (state.step === undefined) {
      state.step = scalarState(0);
      state.eta = scalarState(group.lr);
      state.mu = scalarState(1);
      state.ax = zerosLike(param);
    }
    for (const key of ["step", "eta", "mu"] as const) {
      if (!(state[key] instanceof Tensor)) state[key] = scalarState(state[key] as number);
    }
    const step = incrementStep(state.step as Tensor);
    const eta = readScalar(state.eta as Tensor);
    const mu = readScalar(state.mu as Tensor);

    const r = roundFor(param.dtype);
    // param.mul_(1 - lambd * eta) and param.add_(grad, alpha=-eta): Python floats, rounded to
    // the parameter's dtype by the kernels
    const p = parameterElements(param, 2);
    const g = flatGrad(grad);
    const ax = flat(state.ax as Tensor, "ax");
    const args = [
      group.maximize ? -1 : 1,
      r(group.weight_decay),
      group.weight_decay !== 0,
      r(1 - group.lambd * eta),
      r(-eta),
      mu,
    ] as const;
    if (p instanceof Float32Array) {
      asgdFloat32(p, g as Float32Array, ax as Float32Array, ...args);
    } else {
      asgdFloat64(p, g as Float64Array, ax as Float64Array, ...args);
    }

    // torch.tensor(...) of Python floats: float32 scalars
    writeScalar(state.eta as Tensor, group.lr / (1 + group.lambd * group.lr * step) ** group.alpha);
    writeScalar(state.mu as Tensor, 1 / Math.max(1, step - group.t0));
  }
}

/**
 * One ASGD update of every element, float32 (each op rounded, `Math.fround` inline so that V8
 * keeps the loop monomorphic): g = sign·grad (+ wd·p); p = p·shrink − η·g; ax follows p
 * (averaged with weight mu once mu < 1).
 */
function asgdFloat32(
  p: Float32Array,
  g: Float32Array,
  ax: Float32Array,
  sign: number,
  weightDecay: number,
  decay: boolean,
  shrink: number,
  negEta: number,
  mu: number,
): void {
  const fr = Math.fround;
  const average = mu !== 1;
  if (!decay && !average) {
    // The steps before t0, without branches in the loop (V8 does not hoist them): the same ops.
    for (let i = 0; i < p.length; i++) {
      const pi = fr(fr(p[i]! * shrink) + negEta * (sign * g[i]!));
      p[i] = pi;
      ax[i] = pi;
    }
    return;
  }
  for (let i = 0; i < p.length; i++) {
    let d = sign * g[i]!;
    if (decay) d = fr(d + weightDecay * p[i]!);
    const pi = fr(fr(p[i]! * shrink) + negEta * d);
    p[i] = pi;
    ax[i] = average ? fr(ax[i]! + fr(fr(pi - ax[i]!) * mu)) : pi;
  }
}

/** {@link asgdFloat32}'s update in float64 (no rounding between ops). */
function asgdFloat64(
  p: Float64Array,
  g: Float64Array,
  ax: Float64Array,
  sign: number,
  weightDecay: number,
  decay: boolean,
  shrink: number,
  negEta: number,
  mu: number,
): void {
  const average = mu !== 1;
  for (let i = 0; i < p.length; i++) {
    let d = sign * g[i]!;
    if (decay) d = d + weightDecay * p[i]!;
    const pi = p[i]! * shrink + negEta * d;
    p[i] = pi;
    ax[i] = average ? ax[i]! + (pi - ax[i]!) * mu : pi;
  }
}

/** `t.copy_(torch.tensor(value))`: the float32 rounding of `value`, in place. */
function writeScalar(t: Tensor, value: number): void {
  const storage = t.storage as Float32Array | Float64Array;
  storage[t.storageOffset] = Math.fround(value);
}
