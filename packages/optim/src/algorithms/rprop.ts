import {
  fullLike,
  optionKeys,
  rejectUnknownOptions,
  type Tensor,
  zerosLike,
} from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { OptimizerError, optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";

/** Options of {@link Rprop}; each maps to PyTorch's keyword argument of the same meaning. */
export interface RpropOptions {
  /** Learning rate: every element's initial step size (`lr`). Default 1e-2. */
  lr?: number;
  /**
   * The factors a step size is multiplied by when the gradient's sign flips and when it stays
   * (`etas`, (etaminus, etaplus)), with 0 < etaminus < 1 < etaplus. Default [0.5, 1.2].
   */
  etas?: readonly [number, number];
  /** The smallest and largest step size (`step_sizes`). Default [1e-6, 50]. */
  stepSizes?: readonly [number, number];
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
}

/** An Rprop parameter group, with PyTorch 1.13's keys and key order. */
export interface RpropGroup extends ParamGroup {
  /** Learning rate (the initial step size). */
  lr: number;
  /** (etaminus, etaplus). */
  etas: [number, number];
  /** (smallest, largest) step size. */
  step_sizes: [number, number];
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** Maximize instead of minimize. */
  maximize: boolean;
}

/** The keys Rprop's options take. */
const OPTIONS = optionKeys<RpropOptions>()("lr", "etas", "stepSizes", "foreach", "maximize");

/** PyTorch's `torch.sign` of a float: 1, -1, or 0 for zeros and NaN. */
function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/**
 * Resilient backpropagation (Riedmiller and Braun), in PyTorch 1.13's exact sequence of
 * operations (`_single_tensor_rprop`). Each element keeps its own step size and moves by it
 * against the sign of its gradient, ignoring the gradient's magnitude:
 *
 * s = sign(g · prev) turned into a factor (etaplus where positive, etaminus where negative, 1
 * where zero); step_size = clamp(step_size · s, min, max); where the sign flipped, g = 0;
 * p = p − sign(g) · step_size; prev = g.
 *
 * Defaults: lr 1e-2, etas [0.5, 1.2], stepSizes [1e-6, 50]. State per parameter, in PyTorch's key
 * order: `step` (a plain number, as in PyTorch 1.13), `prev` (the last gradient used) and
 * `step_size` (per element). Rprop is meant for full-batch gradients.
 *
 * @example
 * ```ts
 * const w = tensor([1, -2], { requiresGrad: true });
 * const opt = new Rprop([w], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();
 * w.toArray(); // [0.9, -1.9]
 * ```
 */
export class Rprop extends Optimizer<RpropGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link RpropOptions}.
   */
  constructor(params: ParamsInput, options: RpropOptions = {}) {
    if (new.target === Rprop) rejectUnknownOptions("Rprop", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-2,
      etas: [...(options.etas ?? [0.5, 1.2])] as [number, number],
      step_sizes: [...(options.stepSizes ?? [1e-6, 50])] as [number, number],
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
    });
  }

  protected override validateGroup(group: RpropGroup): void {
    requireNonNegative("learning rate", group.lr);
    const etas = group.etas as unknown;
    if (!Array.isArray(etas) || etas.length !== 2) {
      throw new OptimizerError("Invalid eta values: etas must be a pair [etaminus, etaplus]");
    }
    const [minus, plus] = etas as [unknown, unknown];
    if (
      typeof minus !== "number" ||
      typeof plus !== "number" ||
      !(0 < minus && minus < 1 && 1 < plus)
    ) {
      throw new OptimizerError(`Invalid eta values: ${String(minus)}, ${String(plus)}`);
    }
    const sizes = group.step_sizes as unknown;
    if (
      !Array.isArray(sizes) ||
      sizes.length !== 2 ||
      !sizes.every((size) => typeof size === "number")
    ) {
      throw new OptimizerError(
        "Invalid step sizes: step_sizes must be a pair of numbers [smallest, largest]",
      );
    }
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: RpropGroup): void {
    if (state.step === undefined) {
      state.step = 0;
      state.prev = zerosLike(param);
      state.step_size = fullLike(grad, group.lr);
    }
    state.step = (state.step as number) + 1;

    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const prev = flat(state.prev as Tensor, "prev");
    const size = flat(state.step_size as Tensor, "step_size");
    const args = [
      group.maximize ? -1 : 1,
      r(group.etas[0]),
      r(group.etas[1]),
      r(group.step_sizes[0]),
      r(group.step_sizes[1]),
    ] as const;
    if (p instanceof Float32Array) {
      rpropFloat32(p, g as Float32Array, prev as Float32Array, size as Float32Array, ...args);
    } else {
      rpropFloat64(p, g as Float64Array, prev as Float64Array, size as Float64Array, ...args);
    }
  }
}

/**
 * One Rprop update of every element, float32 (products rounded, `Math.fround` inline so that V8
 * keeps the loop monomorphic), in `_single_tensor_rprop`'s order: the sign of g·prev becomes a
 * factor (etaplus where positive, then etaminus where negative, then 1 where zero); the step size
 * is multiplied by it and clamped (NaN stays NaN); where the factor is etaminus the gradient
 * counts as 0; p = p − sign(g)·step; prev = g.
 */
function rpropFloat32(
  p: Float32Array,
  g: Float32Array,
  prev: Float32Array,
  size: Float32Array,
  flip: number,
  etaMinus: number,
  etaPlus: number,
  smallest: number,
  largest: number,
): void {
  const fr = Math.fround;
  for (let i = 0; i < p.length; i++) {
    const gi = flip * g[i]!;
    const product = fr(gi * prev[i]!);
    let factor = sign(product);
    if (factor > 0) factor = etaPlus;
    if (factor < 0) factor = etaMinus;
    if (factor === 0) factor = 1;
    let s = fr(size[i]! * factor);
    if (s < smallest) s = smallest;
    else if (s > largest) s = largest;
    size[i] = s;
    const used = factor === etaMinus ? 0 : gi;
    p[i] = fr(p[i]! + -sign(used) * s);
    prev[i] = used;
  }
}

/** {@link rpropFloat32}'s update in float64 (no rounding between ops). */
function rpropFloat64(
  p: Float64Array,
  g: Float64Array,
  prev: Float64Array,
  size: Float64Array,
  flip: number,
  etaMinus: number,
  etaPlus: number,
  smallest: number,
  largest: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = flip * g[i]!;
    const product = gi * prev[i]!;
    let factor = sign(product);
    if (factor > 0) factor = etaPlus;
    if (factor < 0) factor = etaMinus;
    if (factor === 0) factor = 1;
    let s = size[i]! * factor;
    if (s < smallest) s = smallest;
    else if (s > largest) s = largest;
    size[i] = s;
    const used = factor === etaMinus ? 0 : gi;
    p[i] = p[i]! + -sign(used) * s;
    prev[i] = used;
  }
}
