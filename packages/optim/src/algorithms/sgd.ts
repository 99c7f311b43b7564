import type { Tensor } from "@kindling/tensor";
import { optionKeys, rejectUnknownOptions } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { OptimizerError, optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireNonNegative, requirePresent } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { simdSgdF32, simdSgdMomentumF32 } from "../kernels/wasm/updateKernels.js";

/** Options of {@link SGD}; each maps to PyTorch's keyword argument of the same meaning. */
export interface SGDOptions {
  /** Learning rate (`lr`). Required. */
  lr: number;
  /** Momentum factor (`momentum`). Default 0. */
  momentum?: number;
  /** Dampening for momentum (`dampening`). Default 0. */
  dampening?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** Nesterov momentum (`nesterov`); needs momentum > 0 and zero dampening. Default false. */
  nesterov?: boolean;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
  /** PyTorch's `differentiable` flag, kept in the state dict. Default false. */
  differentiable?: boolean;
}

/** An SGD parameter group, with PyTorch's keys and key order. */
export interface SGDGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** Momentum factor. */
  momentum: number;
  /** Dampening for momentum. */
  dampening: number;
  /** L2 penalty. */
  weight_decay: number;
  /** Nesterov momentum. */
  nesterov: boolean;
  /** Maximize instead of minimize. */
  maximize: boolean;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** PyTorch's `differentiable` flag. */
  differentiable: boolean;
}

/** The keys SGD's options take. */
const OPTIONS = optionKeys<SGDOptions>()(
  "lr",
  "momentum",
  "dampening",
  "weightDecay",
  "nesterov",
  "maximize",
  "foreach",
  "differentiable",
);

/**
 * Stochastic gradient descent, optionally with momentum, dampening, Nesterov momentum and weight
 * decay, in PyTorch 1.13's exact sequence of operations:
 *
 * g = ±grad (+ weight_decay · p); buf = momentum · buf + (1 − dampening) · g (buf = g at the first
 * step); g = g + momentum · buf with Nesterov, else buf; p = p − lr · g.
 *
 * The state of each parameter is `{ momentum_buffer }` (null without momentum), as in PyTorch.
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * w.mul(w).sum().backward();
 * opt.step();
 * w.toArray(); // [0.8, 1.6]
 * opt.stateDict().param_groups[0]; // { lr: 0.1, momentum: 0.9, dampening: 0, ..., params: [0] }
 * ```
 */
export class SGD extends Optimizer<SGDGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link SGDOptions}.
   */
  constructor(params: ParamsInput, options: SGDOptions) {
    if (new.target === SGD) rejectUnknownOptions("SGD", options, OPTIONS, optionError);
    options ??= {} as SGDOptions;
    super(params, {
      lr: options.lr,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weight_decay: options.weightDecay ?? 0,
      nesterov: options.nesterov ?? false,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
      differentiable: options.differentiable ?? false,
    });
  }

  protected override validateGroup(group: SGDGroup): void {
    requirePresent("lr", group.lr);
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("momentum value", group.momentum);
    requireNonNegative("weight_decay value", group.weight_decay);
    if (group.nesterov && (group.momentum <= 0 || group.dampening !== 0)) {
      throw new OptimizerError("Nesterov momentum requires a momentum and zero dampening");
    }
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: SGDGroup): void {
    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const weightDecay = r(group.weight_decay);
    const momentum = r(group.momentum);
    const keep = r(1 - group.dampening);
    const step = r(-group.lr);
    const sign = group.maximize ? -1 : 1;
    let buffer = state.momentum_buffer as Tensor | null | undefined;
    if (group.momentum === 0) {
      state.momentum_buffer = null;
      const decay = group.weight_decay !== 0;
      if (!decay && p instanceof Float32Array && g instanceof Float32Array) {
        sgdPlainFloat32(p, g, sign, step);
        return;
      }
      for (let i = 0; i < p.length; i++) {
        let d = sign * g[i]!;
        if (decay) d = r(d + weightDecay * p[i]!);
        p[i] = r(p[i]! + step * d);
      }
      return;
    }
    const first = buffer === null || buffer === undefined;
    if (first) {
      buffer = grad.detach().clone().contiguous();
      state.momentum_buffer = buffer;
    }
    const b = flat(buffer!, "momentum_buffer");
    const decay = group.weight_decay !== 0;
    const nesterov = group.nesterov;
    if (p instanceof Float32Array && g instanceof Float32Array && b instanceof Float32Array) {
      sgdMomentumFloat32(p, g, b, sign, decay, weightDecay, first, momentum, keep, nesterov, step);
      return;
    }
    const n = p.length;
    for (let i = 0; i < n; i++) {
      let d = sign * g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const m = first ? d : r(r(b[i]! * momentum) + keep * d);
      b[i] = m;
      d = nesterov ? r(d + momentum * m) : m;
      p[i] = r(p[i]! + step * d);
    }
  }
}

/**
 * `p += step · sign · g` in float32, for SGD without momentum or weight decay (large parameters
 * through the SIMD kernel, the same bits).
 */
function sgdPlainFloat32(p: Float32Array, g: Float32Array, sign: number, step: number): void {
  if (simdSgdF32(p, g, sign, step)) return;
  const fr = Math.fround;
  const n = p.length;
  let i = 0;
  // Unrolled by four (one bounds check and branch per four elements): the same operations.
  for (const end = n - 3; i < end; i += 4) {
    p[i] = fr(p[i]! + step * (sign * g[i]!));
    p[i + 1] = fr(p[i + 1]! + step * (sign * g[i + 1]!));
    p[i + 2] = fr(p[i + 2]! + step * (sign * g[i + 2]!));
    p[i + 3] = fr(p[i + 3]! + step * (sign * g[i + 3]!));
  }
  for (; i < n; i++) p[i] = fr(p[i]! + step * (sign * g[i]!));
}

/**
 * The momentum loop for float32, with `Math.fround` inline and one array type, so that V8 keeps it
 * monomorphic; the same operations as the generic loop in {@link SGD}'s update.
 */
function sgdMomentumFloat32(
  p: Float32Array,
  g: Float32Array,
  b: Float32Array,
  sign: number,
  decay: boolean,
  weightDecay: number,
  first: boolean,
  momentum: number,
  keep: number,
  nesterov: boolean,
  step: number,
): void {
  const fr = Math.fround;
  const n = p.length;
  if (!decay && !first && !nesterov) {
    if (simdSgdMomentumF32(p, g, b, sign, momentum, keep, step)) return;
    // The common step, without branches in the loop (V8 does not hoist them: 4x faster), and
    // unrolled by four (a fifth faster): each element's operations as in the plain loop.
    let i = 0;
    for (const end = n - 3; i < end; i += 4) {
      const m0 = fr(fr(b[i]! * momentum) + keep * (sign * g[i]!));
      b[i] = m0;
      p[i] = fr(p[i]! + step * m0);
      const m1 = fr(fr(b[i + 1]! * momentum) + keep * (sign * g[i + 1]!));
      b[i + 1] = m1;
      p[i + 1] = fr(p[i + 1]! + step * m1);
      const m2 = fr(fr(b[i + 2]! * momentum) + keep * (sign * g[i + 2]!));
      b[i + 2] = m2;
      p[i + 2] = fr(p[i + 2]! + step * m2);
      const m3 = fr(fr(b[i + 3]! * momentum) + keep * (sign * g[i + 3]!));
      b[i + 3] = m3;
      p[i + 3] = fr(p[i + 3]! + step * m3);
    }
    for (; i < n; i++) {
      const m = fr(fr(b[i]! * momentum) + keep * (sign * g[i]!));
      b[i] = m;
      p[i] = fr(p[i]! + step * m);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let d = sign * g[i]!;
    if (decay) d = fr(d + weightDecay * p[i]!);
    const m = first ? d : fr(fr(b[i]! * momentum) + keep * d);
    b[i] = m;
    d = nesterov ? fr(d + momentum * m) : m;
    p[i] = fr(p[i]! + step * d);
  }
}
