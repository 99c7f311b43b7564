import {
  cat,
  enableGrad,
  noGrad,
  optionKeys,
  rejectUnknownOptions,
  Tensor,
  tensor,
  zeros,
} from "@kindling/tensor";
import { type Closure, Optimizer } from "../../base/optimizer.js";
import { OptimizerError, optionError } from "../../base/optimizerError.js";
import type { ParamGroup, ParamGroupInput, ParamsInput } from "../../base/paramGroup.js";
import type { StateValue } from "../../base/stateDict.js";
import { type FloatArray, flat, roundFor } from "../../kernels/flat.js";
import { Dim0, type Num, numberOf, scalarMath } from "./scalars.js";
import { strongWolfe } from "./strongWolfe.js";

/** Options of {@link LBFGS}; each maps to PyTorch's keyword argument of the same meaning. */
export interface LBFGSOptions {
  /** Learning rate: the step length tried along each direction (`lr`). Default 1. */
  lr?: number;
  /** Most iterations per `step()` (`max_iter`). Default 20. */
  maxIter?: number;
  /** Most closure evaluations per `step()` (`max_eval`). Default `floor(maxIter * 5 / 4)`. */
  maxEval?: number | null;
  /** Stop when the largest gradient element is at most this (`tolerance_grad`). Default 1e-7. */
  toleranceGrad?: number;
  /** Stop when the loss or the step changes by less than this (`tolerance_change`). Default 1e-9. */
  toleranceChange?: number;
  /** How many past updates approximate the inverse Hessian (`history_size`). Default 100. */
  historySize?: number;
  /** `"strong_wolfe"` for a line search, or null for fixed steps of `lr` (`line_search_fn`). Default null. */
  lineSearchFn?: "strong_wolfe" | null;
}

/** LBFGS's one parameter group, with PyTorch 1.13's keys and key order. */
export interface LBFGSGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** Most iterations per step. */
  max_iter: number;
  /** Most closure evaluations per step. */
  max_eval: number;
  /** Gradient tolerance. */
  tolerance_grad: number;
  /** Change tolerance. */
  tolerance_change: number;
  /** History length. */
  history_size: number;
  /** The line search, or null. */
  line_search_fn: "strong_wolfe" | null;
}

/** The keys LBFGS's options take. */
const OPTIONS = optionKeys<LBFGSOptions>()(
  "lr",
  "maxIter",
  "maxEval",
  "toleranceGrad",
  "toleranceChange",
  "historySize",
  "lineSearchFn",
);

/** A 0-dim tensor or a Python number, as LBFGS's state holds it. */
function stored(x: Num, dtype: string): Tensor | number {
  return x instanceof Dim0 ? tensor(x.value, { dtype: dtype as "float32" | "float64" }) : x;
}

/**
 * The {@link Num} a state value holds back: a 0-dim tensor's value, or a Python number (`Number`
 * also unwraps a loaded float wrapper such as @kindling/serialize's `PyFloat`).
 */
function restored(x: StateValue | undefined): Num {
  return x instanceof Tensor ? new Dim0(x.item() as number) : Number(x);
}

/**
 * Limited-memory BFGS, PyTorch 1.13's `torch.optim.LBFGS` (after minFunc): each `step(closure)`
 * runs up to `maxIter` quasi-Newton iterations, re-evaluating the closure, with fixed steps of
 * `lr` or a strong-Wolfe line search. The same operations in the same order as PyTorch, on the
 * same kinds of numbers (Python floats or 0-dim tensors; see `scalars.ts`), so a float32 run
 * takes PyTorch's path through the line search and its tolerance tests.
 *
 * As in PyTorch: one parameter group only; `step` requires the closure; the state lives under the
 * first parameter, in PyTorch's keys (`func_evals`, `n_iter`, `al`, `d`, `t`, `old_dirs`,
 * `old_stps`, `ro`, `H_diag`, `prev_flat_grad`, `prev_loss`), with lists of tensors for the
 * history. All parameters must share one floating dtype.
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new LBFGS([w], { lineSearchFn: "strong_wolfe" });
 * const closure = () => {
 *   opt.zeroGrad();
 *   const loss = w.sub(3).pow(2).sum();
 *   loss.backward();
 *   return loss;
 * };
 * opt.step(closure); // w is now [3, 3.0000002], after 3 calls of the closure (PyTorch's figures)
 * ```
 */
export class LBFGS extends Optimizer<LBFGSGroup> {
  /**
   * @param params The tensors to optimize (one group).
   * @param options Hyper-parameters; see {@link LBFGSOptions}.
   */
  constructor(params: ParamsInput, options: LBFGSOptions = {}) {
    if (new.target === LBFGS) rejectUnknownOptions("LBFGS", options, OPTIONS, optionError);
    const maxIter = options.maxIter ?? 20;
    super(params, {
      lr: options.lr ?? 1,
      max_iter: maxIter,
      max_eval: options.maxEval ?? Math.floor((maxIter * 5) / 4),
      tolerance_grad: options.toleranceGrad ?? 1e-7,
      tolerance_change: options.toleranceChange ?? 1e-9,
      history_size: options.historySize ?? 100,
      line_search_fn: options.lineSearchFn ?? null,
    });
  }

  /** LBFGS has one group: a second is refused with PyTorch's message. */
  override addParamGroup(input: ParamGroupInput): void {
    if (this.paramGroups.length > 0) {
      throw new OptimizerError("LBFGS doesn't support per-parameter options (parameter groups)");
    }
    super.addParamGroup(input);
  }

  protected override validateGroup(group: LBFGSGroup): void {
    const ls = group.line_search_fn;
    if (ls !== null && ls !== "strong_wolfe") {
      throw new OptimizerError(
        `only 'strong_wolfe' is supported, but got line_search_fn ${String(ls)}`,
      );
    }
    const dtypes = new Set(group.params.map((p) => p.dtype));
    if (dtypes.size > 1 || !(dtypes.has("float32") || dtypes.has("float64"))) {
      throw new OptimizerError(
        `LBFGS needs parameters of one floating dtype, but got ${[...dtypes].join(", ")}`,
      );
    }
  }

  protected update(): void {
    throw new OptimizerError("LBFGS updates its parameters in step(closure)");
  }

  /** LBFGS's state holds flat vectors (all parameters' elements in one) and lists of them. */
  protected override checkStateTensor(
    value: Tensor,
    _param: Tensor,
    key: string,
    id: string,
  ): void {
    const numel = this.numel();
    if (value.ndim > 1 || (value.ndim === 1 && value.shape[0] !== numel)) {
      throw new OptimizerError(
        `loaded state for parameter ${id} has '${key}' of shape [${value.shape.join(", ")}], ` +
          `but LBFGS's flat vectors have ${numel} elements`,
      );
    }
  }

  private get params(): Tensor[] {
    return this.paramGroups[0]!.params;
  }

  private numel(): number {
    return this.params.reduce((total, p) => total + p.numel(), 0);
  }

  /** Every parameter's gradient (zeros where there is none) in one flat vector. */
  private gatherFlatGrad(): Tensor {
    return cat(
      this.params.map((p) =>
        p.grad === null ? zeros([p.numel()], { dtype: p.dtype }) : p.grad.reshape([-1]),
      ),
    );
  }

  /** `p += step · update` for each parameter's span of the flat `update`. */
  private addGrad(step: Num, update: Tensor): void {
    let offset = 0;
    for (const p of this.params) {
      const n = p.numel();
      p.add_(update.narrow(0, offset, n).view(p.shape), numberOf(step));
      offset += n;
    }
  }

  /** Runs the closure with gradients on and returns its loss as a number (`float(closure())`). */
  private evaluate(closure: Closure): [orig: Tensor | number, loss: number] {
    const orig = enableGrad(closure);
    const loss = orig instanceof Tensor ? (orig.item() as number) : orig;
    if (typeof loss !== "number") {
      throw new OptimizerError(
        "LBFGS's closure must return the loss, a number or a one-element tensor",
      );
    }
    return [orig, loss];
  }

  /** True: every `step()` needs a closure. */
  override get requiresClosure(): boolean {
    return true;
  }

  /**
   * Runs up to `max_iter` iterations of L-BFGS, calling `closure` (which must zero the gradients,
   * compute the loss, call backward and return the loss) as often as they need. Returns the loss
   * of the closure's first call, as PyTorch does.
   */
  override step(closure?: Closure): Tensor | number | undefined {
    return super.step(closure);
  }

  protected override takeStep(closure?: Closure): Tensor | number {
    if (typeof closure !== "function") {
      throw new OptimizerError(
        "LBFGS.step() needs a closure that re-evaluates the model and returns the loss",
      );
    }
    return noGrad(() => this.iterate(closure));
  }

  private iterate(closure: Closure): Tensor | number {
    const group = this.paramGroups[0]!;
    const lr = Number(group.lr);
    const maxIter = Number(group.max_iter);
    const maxEval = Number(group.max_eval);
    const toleranceGrad = Number(group.tolerance_grad);
    const toleranceChange = Number(group.tolerance_change);
    const historySize = Number(group.history_size);
    const first = this.params[0]!;
    const dtype = first.dtype;
    const round = roundFor(dtype);
    const m = scalarMath(round);
    const dot = (a: Tensor, b: Tensor) =>
      m.tensor(flatDot(flat(a, "vector"), flat(b, "vector"), round));
    const maxAbs = (v: Tensor) => new Dim0(v.abs().max().item() as number);

    let state = this.state.get(first);
    if (state === undefined) {
      state = {};
      this.state.set(first, state);
    }
    state.func_evals = Number(state.func_evals ?? 0);
    state.n_iter = Number(state.n_iter ?? 0);

    const [origLoss, firstLoss] = this.evaluate(closure);
    let loss = firstLoss;
    let currentEvals = 1;
    state.func_evals = (state.func_evals as number) + 1;
    let flatGrad = this.gatherFlatGrad();
    let optCond = m.le(maxAbs(flatGrad), toleranceGrad);
    if (optCond) return origLoss;

    let d = state.d as Tensor | undefined;
    let t: Num = state.t === undefined ? 0 : restored(state.t);
    let oldDirs = (state.old_dirs as Tensor[] | undefined)?.slice();
    let oldStps = (state.old_stps as Tensor[] | undefined)?.slice();
    let ro = (state.ro as StateValue[] | undefined)?.map(restored);
    let hDiag: Num = state.H_diag === undefined ? 1 : restored(state.H_diag);
    let prevFlatGrad = state.prev_flat_grad as Tensor | undefined;
    let prevLoss = state.prev_loss === undefined ? undefined : Number(state.prev_loss);

    let nIter = 0;
    while (nIter < maxIter) {
      nIter += 1;
      state.n_iter = (state.n_iter as number) + 1;
      if (state.n_iter === 1) {
        d = flatGrad.neg();
        oldDirs = [];
        oldStps = [];
        ro = [];
        hDiag = 1;
      } else {
        const y = flatGrad.sub(prevFlatGrad!);
        const s = d!.mul(numberOf(t));
        const ys = dot(y, s);
        if (m.lt(1e-10, ys)) {
          if (oldDirs!.length === historySize) {
            oldDirs!.shift();
            oldStps!.shift();
            ro!.shift();
          }
          oldDirs!.push(y);
          oldStps!.push(s);
          ro!.push(m.div(1, ys));
          hDiag = m.div(ys, dot(y, y));
        }
        const numOld = oldDirs!.length;
        if (!("al" in state)) state.al = new Array<StateValue>(historySize).fill(null);
        // the state keeps al as 0-dim tensors, as PyTorch's; this step reads its own values
        const al = state.al as StateValue[];
        const alValues: Num[] = [];
        const q = flatGrad.neg();
        for (let i = numOld - 1; i >= 0; i--) {
          alValues[i] = m.mul(dot(oldStps![i]!, q), ro![i]!);
          al[i] = stored(alValues[i]!, dtype);
          q.add_(oldDirs![i]!, -numberOf(alValues[i]!));
        }
        d = q.mul(numberOf(hDiag));
        for (let i = 0; i < numOld; i++) {
          const be = m.mul(dot(oldDirs![i]!, d), ro![i]!);
          d.add_(oldStps![i]!, numberOf(m.sub(alValues[i]!, be)));
        }
      }
      if (prevFlatGrad === undefined) prevFlatGrad = flatGrad.clone();
      else prevFlatGrad.copy_(flatGrad);
      prevLoss = loss;

      if (state.n_iter === 1) {
        t = m.mul(m.min(1, m.div(1, new Dim0(flatGrad.abs().sum().item() as number))), lr);
      } else {
        t = lr;
      }
      const gtd = dot(flatGrad, d!);
      if (m.lt(-toleranceChange, gtd)) break;

      let lsEvals = 0;
      if (group.line_search_fn !== null) {
        const x = this.params.map((p) => p.clone());
        const direction = d!;
        const result = strongWolfe(
          m,
          (trial) => {
            this.addGrad(trial, direction);
            const [, trialLoss] = this.evaluate(closure);
            const grad = this.gatherFlatGrad();
            for (let i = 0; i < x.length; i++) this.params[i]!.copy_(x[i]!);
            return [trialLoss, grad];
          },
          dot,
          t,
          direction,
          loss,
          flatGrad,
          gtd,
        );
        loss = result.loss;
        flatGrad = result.grad;
        t = result.t;
        lsEvals = result.evals;
        this.addGrad(t, d!);
        optCond = m.le(maxAbs(flatGrad), toleranceGrad);
      } else {
        this.addGrad(t, d!);
        if (nIter !== maxIter) {
          [, loss] = this.evaluate(closure);
          flatGrad = this.gatherFlatGrad();
          optCond = m.le(maxAbs(flatGrad), toleranceGrad);
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      state.func_evals = (state.func_evals as number) + lsEvals;

      if (nIter === maxIter) break;
      if (currentEvals >= maxEval) break;
      if (optCond) break;
      if (m.le(maxAbs(d!.mul(numberOf(t))), toleranceChange)) break;
      if (Math.abs(loss - prevLoss) < toleranceChange) break;
    }

    state.d = d!;
    state.t = stored(t, dtype);
    state.old_dirs = oldDirs!;
    state.old_stps = oldStps!;
    state.ro = ro!.map((x) => stored(x, dtype));
    state.H_diag = stored(hDiag, dtype);
    state.prev_flat_grad = prevFlatGrad!;
    state.prev_loss = prevLoss!;
    return origLoss;
  }
}

/**
 * `torch.dot` of two flat vectors as PyTorch 1.13 computes it through BLAS (`sdot`/`ddot`): one
 * running sum, each product rounded to the dtype before it is added.
 */
function flatDot(a: FloatArray, b: FloatArray, r: (x: number) => number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum = r(sum + r(a[i]! * b[i]!));
  return sum;
}
