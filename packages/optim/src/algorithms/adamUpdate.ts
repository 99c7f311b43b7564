import { type Tensor, tensor, zerosLike } from "@kindling/tensor";
import type { ParamState } from "../base/stateDict.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { simdAdamF32 } from "../kernels/wasm/updateKernels.js";

/** The hyper-parameters the Adam family's update reads from a group. */
export interface AdamHyper {
  lr: number;
  betas: readonly number[];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/**
 * One Adam or AdamW step for one parameter, in PyTorch 1.13's order of operations
 * (`_single_tensor_adam` / `_single_tensor_adamw`). `decoupled` selects AdamW's weight decay
 * (`p *= 1 - lr · weight_decay`) over Adam's L2 term in the gradient.
 */
export function adamUpdate(
  param: Tensor,
  grad: Tensor,
  state: ParamState,
  group: AdamHyper,
  decoupled: boolean,
): void {
  if (state.step === undefined) {
    state.step = tensor(0, { dtype: "float32" });
    state.exp_avg = zerosLike(param);
    state.exp_avg_sq = zerosLike(param);
    if (group.amsgrad) state.max_exp_avg_sq = zerosLike(param);
  }
  const stepTensor = state.step as Tensor;
  const stepStorage = stepTensor.storage as Float32Array;
  stepStorage[stepTensor.storageOffset] = Math.fround(stepStorage[stepTensor.storageOffset]! + 1);
  const step = stepStorage[stepTensor.storageOffset]!;

  const r = roundFor(param.dtype);
  const p = parameterElements(param, decoupled ? 2 : 1);
  const g = flatGrad(grad);
  const m = flat(state.exp_avg as Tensor, "exp_avg");
  const v = flat(state.exp_avg_sq as Tensor, "exp_avg_sq");
  const vMax = group.amsgrad ? flat(state.max_exp_avg_sq as Tensor, "max_exp_avg_sq") : null;
  const beta1 = group.betas[0]!;
  const beta2 = group.betas[1]!;
  const b1 = r(beta1);
  const b2 = r(beta2);
  const keep1 = r(1 - beta1);
  const keep2 = r(1 - beta2);
  const weightDecay = r(group.weight_decay);
  const shrink = r(1 - group.lr * group.weight_decay);
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2Sqrt = r(Math.sqrt(1 - beta2 ** step));
  const stepSize = r(-(group.lr / biasCorrection1));
  const eps = r(group.eps);
  const sign = group.maximize ? -1 : 1;
  const decay = group.weight_decay !== 0;

  if (
    p instanceof Float32Array &&
    g instanceof Float32Array &&
    m instanceof Float32Array &&
    v instanceof Float32Array &&
    (vMax === null || vMax instanceof Float32Array)
  ) {
    adamFloat32(p, g, m, v, vMax, {
      sign,
      decoupled,
      decay,
      shrink,
      weightDecay,
      b1,
      keep1,
      b2,
      keep2,
      biasCorrection2Sqrt,
      eps,
      stepSize,
    });
    return;
  }
  const n = p.length;
  for (let i = 0; i < n; i++) {
    let d = sign * g[i]!;
    if (decoupled) {
      if (decay) p[i] = r(p[i]! * shrink);
    } else if (decay) {
      d = r(d + weightDecay * p[i]!);
    }
    const mi = r(r(m[i]! * b1) + keep1 * d);
    m[i] = mi;
    const vi = r(r(v[i]! * b2) + r(r(keep2 * d) * d));
    v[i] = vi;
    let second = vi;
    if (vMax !== null) {
      second = Math.max(vMax[i]!, vi);
      vMax[i] = second;
    }
    const denom = r(r(r(Math.sqrt(second)) / biasCorrection2Sqrt) + eps);
    p[i] = r(p[i]! + r(r(stepSize * mi) / denom));
  }
}

/** The scalars of one Adam step, already rounded to float32. */
interface AdamScalars {
  sign: number;
  decoupled: boolean;
  decay: boolean;
  shrink: number;
  weightDecay: number;
  b1: number;
  keep1: number;
  b2: number;
  keep2: number;
  biasCorrection2Sqrt: number;
  eps: number;
  stepSize: number;
}

/**
 * The Adam loop for float32, with `Math.fround` inline and one array type, so that V8 keeps it
 * monomorphic; the same operations as the generic loop in {@link adamUpdate}. Large parameters
 * take the SIMD kernel for the common case (no amsgrad, no L2 decay), with the same bits.
 */
function adamFloat32(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | null,
  s: AdamScalars,
): void {
  const fr = Math.fround;
  const {
    sign,
    decoupled,
    decay,
    shrink,
    weightDecay,
    b1,
    keep1,
    b2,
    keep2,
    biasCorrection2Sqrt,
    eps,
    stepSize,
  } = s;
  const amsgrad = vMax !== null;
  const n = p.length;
  if (!amsgrad && (!decay || decoupled)) {
    // Adam without weight decay, and AdamW: branch-free loops (V8 keeps loop-invariant branches
    // inside the loop; hoisting them makes the step several times faster). Same operations.
    // Without decay the factor is 1 and `fr(p · 1)` is p itself, so one loop serves both.
    const factor = decay ? shrink : 1;
    const scalars = { sign, factor, b1, keep1, b2, keep2, biasCorrection2Sqrt, eps, stepSize };
    if (simdAdamF32(p, g, m, v, scalars)) return;
    for (let i = 0; i < n; i++) {
      const d = sign * g[i]!;
      const pi = fr(p[i]! * factor);
      const mi = fr(fr(m[i]! * b1) + keep1 * d);
      m[i] = mi;
      const vi = fr(fr(v[i]! * b2) + fr(fr(keep2 * d) * d));
      v[i] = vi;
      const denom = fr(fr(fr(Math.sqrt(vi)) / biasCorrection2Sqrt) + eps);
      p[i] = fr(pi + fr(fr(stepSize * mi) / denom));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let d = sign * g[i]!;
    if (decoupled) {
      if (decay) p[i] = fr(p[i]! * shrink);
    } else if (decay) {
      d = fr(d + weightDecay * p[i]!);
    }
    const mi = fr(fr(m[i]! * b1) + keep1 * d);
    m[i] = mi;
    const vi = fr(fr(v[i]! * b2) + fr(fr(keep2 * d) * d));
    v[i] = vi;
    let second = vi;
    if (amsgrad) {
      const previous = vMax[i]!;
      second = Math.max(previous, vi);
      vMax[i] = second;
    }
    const denom = fr(fr(fr(Math.sqrt(second)) / biasCorrection2Sqrt) + eps);
    p[i] = fr(p[i]! + fr(fr(stepSize * mi) / denom));
  }
}
