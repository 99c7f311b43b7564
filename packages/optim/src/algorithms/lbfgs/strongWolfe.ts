import type { Tensor } from "@kindling/tensor";
import type { Num, ScalarMath } from "./scalars.js";

/** The minimizer of the cubic through two points with their slopes, clamped to `bounds` (PyTorch's `_cubic_interpolate`). */
function cubicInterpolate(
  m: ScalarMath,
  x1: Num,
  f1: Num,
  g1: Num,
  x2: Num,
  f2: Num,
  g2: Num,
  bounds?: [Num, Num],
): Num {
  const [lo, hi] = bounds ?? (m.le(x1, x2) ? [x1, x2] : [x2, x1]);
  // d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
  const d1 = m.sub(m.add(g1, g2), m.div(m.mul(3, m.sub(f1, f2)), m.sub(x1, x2)));
  const d2Square = m.sub(m.square(d1), m.mul(g1, g2));
  if (!m.le(0, d2Square)) return m.div(m.add(lo, hi), 2);
  const d2 = m.sqrt(d2Square);
  const minPos = m.le(x1, x2)
    ? m.sub(
        x2,
        m.mul(m.sub(x2, x1), m.div(m.sub(m.add(g2, d2), d1), m.add(m.sub(g2, g1), m.mul(2, d2)))),
      )
    : m.sub(
        x1,
        m.mul(m.sub(x1, x2), m.div(m.sub(m.add(g1, d2), d1), m.add(m.sub(g1, g2), m.mul(2, d2)))),
      );
  return m.min(m.max(minPos, lo), hi);
}

/** Evaluates the loss and flat gradient at `x + t·d` (PyTorch's `_directional_evaluate`). */
export type DirectionalEvaluate = (t: Num) => [loss: number, grad: Tensor];

/** What the line search found: the loss and gradient at the accepted step, the step, and the evaluation count. */
export interface LineSearchResult {
  /** The loss at the accepted step. */
  loss: number;
  /** The flat gradient there. */
  grad: Tensor;
  /** The accepted step length. */
  t: Num;
  /** How many times the closure ran. */
  evals: number;
}

/**
 * A line search satisfying the strong Wolfe conditions, PyTorch 1.13's `_strong_wolfe` (after
 * minFunc's): bracket a step, then zoom in with cubic interpolation. The same comparisons in the
 * same order, on the same kinds of numbers (see {@link ScalarMath}).
 */
export function strongWolfe(
  m: ScalarMath,
  evaluate: DirectionalEvaluate,
  dot: (a: Tensor, b: Tensor) => Num,
  start: Num,
  d: Tensor,
  f: number,
  g: Tensor,
  gtd: Num,
  c1 = 1e-4,
  c2 = 0.9,
  toleranceChange = 1e-9,
  maxLs = 25,
): LineSearchResult {
  let t = start;
  const dNorm = m.tensor(d.abs().max().item() as number);
  let [fNew, gNew] = evaluate(t);
  let evals = 1;
  let gtdNew = dot(gNew, d);

  let tPrev: Num = 0;
  let fPrev: number = f;
  let gPrev = g.clone();
  let gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let bracket: Num[] = [];
  let bracketF: number[] = [];
  let bracketG: Tensor[] = [];
  let bracketGtd: Num[] = [];
  // the loss of a Python float against a 0-dim tensor's bound compares in the tensor's dtype
  const armijo = (fTrial: number, tTrial: Num) =>
    m.lt(m.add(f, m.mul(m.mul(c1, tTrial), gtd)), fTrial);
  while (lsIter < maxLs) {
    if (armijo(fNew, t) || (lsIter > 1 && fNew >= fPrev)) {
      bracket = [tPrev, t];
      bracketF = [fPrev, fNew];
      bracketG = [gPrev, gNew.clone()];
      bracketGtd = [gtdPrev, gtdNew];
      break;
    }
    if (m.le(m.abs(gtdNew), m.mul(-c2, gtd))) {
      bracket = [t];
      bracketF = [fNew];
      bracketG = [gNew];
      done = true;
      break;
    }
    if (m.le(0, gtdNew)) {
      bracket = [tPrev, t];
      bracketF = [fPrev, fNew];
      bracketG = [gPrev, gNew.clone()];
      bracketGtd = [gtdPrev, gtdNew];
      break;
    }
    const minStep = m.add(t, m.mul(0.01, m.sub(t, tPrev)));
    const maxStep = m.mul(t, 10);
    const tmp = t;
    t = cubicInterpolate(m, tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew.clone();
    gtdPrev = gtdNew;
    [fNew, gNew] = evaluate(t);
    evals += 1;
    gtdNew = dot(gNew, d);
    lsIter += 1;
  }
  if (lsIter === maxLs) {
    bracket = [0, t];
    bracketF = [f, fNew];
    bracketG = [g, gNew];
  }

  // zoom
  let insufficientProgress = false;
  let [low, high] = bracketF[0]! <= bracketF[bracketF.length - 1]! ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (m.lt(m.mul(m.abs(m.sub(bracket[1]!, bracket[0]!)), dNorm), toleranceChange)) break;
    t = cubicInterpolate(
      m,
      bracket[0]!,
      bracketF[0]!,
      bracketGtd[0]!,
      bracket[1]!,
      bracketF[1]!,
      bracketGtd[1]!,
    );
    const top = m.max(bracket[0]!, bracket[1]!);
    const bottom = m.min(bracket[0]!, bracket[1]!);
    const eps = m.mul(0.1, m.sub(top, bottom));
    if (m.lt(m.min(m.sub(top, t), m.sub(t, bottom)), eps)) {
      if (insufficientProgress || m.le(top, t) || m.le(t, bottom)) {
        t = m.lt(m.abs(m.sub(t, top)), m.abs(m.sub(t, bottom)))
          ? m.sub(top, eps)
          : m.add(bottom, eps);
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    [fNew, gNew] = evaluate(t);
    evals += 1;
    gtdNew = dot(gNew, d);
    lsIter += 1;
    if (armijo(fNew, t) || fNew >= bracketF[low]!) {
      bracket[high] = t;
      bracketF[high] = fNew;
      bracketG[high] = gNew.clone();
      bracketGtd[high] = gtdNew;
      [low, high] = bracketF[0]! <= bracketF[1]! ? [0, 1] : [1, 0];
    } else {
      if (m.le(m.abs(gtdNew), m.mul(-c2, gtd))) {
        done = true;
      } else if (m.le(0, m.mul(gtdNew, m.sub(bracket[high]!, bracket[low]!)))) {
        bracket[high] = bracket[low]!;
        bracketF[high] = bracketF[low]!;
        bracketG[high] = bracketG[low]!;
        bracketGtd[high] = bracketGtd[low]!;
      }
      bracket[low] = t;
      bracketF[low] = fNew;
      bracketG[low] = gNew.clone();
      bracketGtd[low] = gtdNew;
    }
  }
  return { loss: bracketF[low]!, grad: bracketG[low]!, t: bracket[low]!, evals };
}
