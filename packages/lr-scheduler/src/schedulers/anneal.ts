/** OneCycleLR's and SWALR's annealing strategies (PyTorch `anneal_strategy`). */
export type AnnealStrategy = "cos" | "linear";

/** OneCycleLR's `_annealing_cos`: cosine from `start` to `end` as `pct` goes 0 -> 1. */
export function annealCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2.0) * cosOut;
}

/** OneCycleLR's `_annealing_linear`: linear from `start` to `end` as `pct` goes 0 -> 1. */
export function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}
