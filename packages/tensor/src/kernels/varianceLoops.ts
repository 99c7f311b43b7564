import { forEachOuter, type ReductionLoops } from "../iteration/reductionLoops.js";
import { fma64 } from "../random/fma.js";
import type { FloatStorage } from "./dense.js";

/**
 * PyTorch 1.13's CPU variance (`std_var_out` in ReduceOps.cpp), in float64 whatever the input:
 * when every loop is reduced (a variance of all elements), its two-pass `std_var_all_cpu` —
 * `meanOf()` (the tensor's own mean, rounded to its dtype) and then `Σ (x - mean)²` in float64, in the
 * loops' order, each 2-d slab summed from 0 and added to the total; otherwise Welford's update in
 * float64 for each output over its reduced elements, in the loops' order (`WelfordOps`, its
 * `m2 + delta · delta'` one fused multiply-add, as the AVX2 build of the kernel contracts it). The
 * result is divided by `N - correction` (0 when negative), square-rooted when `takeSqrt`, and
 * written to `out` (rounded to its dtype, as PyTorch's cast).
 */
export function varianceInto(
  x: FloatStorage,
  offset: number,
  loops: ReductionLoops,
  correction: number,
  takeSqrt: boolean,
  meanOf: () => number,
  out: FloatStorage,
): void {
  const { sizes, inStrides, outStrides } = loops;
  const nd = sizes.length;
  let reducedLoops = 0;
  while (reducedLoops < nd && outStrides[reducedLoops] === 0) reducedLoops++;
  const finish = (m2: number, n: number): number => {
    const v = m2 / Math.max(0, n - correction);
    return takeSqrt ? Math.sqrt(v) : v;
  };
  if (reducedLoops === nd) {
    // two passes over all elements: 2-d slabs (the first two loops), each from 0
    const mean = meanOf();
    let total = 0;
    let n = 1;
    for (const s of sizes) n *= s;
    const size0 = nd > 0 ? sizes[0]! : 1;
    const size1 = nd > 1 ? sizes[1]! : 1;
    const is0 = nd > 0 ? inStrides[0]! : 0;
    const is1 = nd > 1 ? inStrides[1]! : 0;
    forEachOuter(loops, 2, offset, 0, (at) => {
      let local = 0;
      for (let i = 0; i < size1; i++) {
        for (let j = 0, p = at + i * is1; j < size0; j++, p += is0) {
          const dx = x[p]! - mean;
          local += dx * dx;
        }
      }
      total += local;
    });
    out[0] = finish(total, n);
    return;
  }
  // Welford per output: the reduced loops (innermost) run for each index of the kept ones
  const inner = sizes.slice(0, reducedLoops);
  const innerStrides = inStrides.slice(0, reducedLoops);
  const innerIndex = new Array<number>(reducedLoops).fill(0);
  forEachOuter(loops, reducedLoops, offset, 0, (ib, ob) => {
    let n = 0;
    let m = 0;
    let m2 = 0;
    let p = ib;
    innerIndex.fill(0);
    if (reducedLoops === 1) {
      // one reduced loop (a reduction over one dim, or dims that coalesce): a plain loop
      const len = inner[0]!;
      const stride = innerStrides[0]!;
      for (let k = 0; k < len; k++, p += stride) {
        const v = x[p]!;
        n++;
        const delta = v - m;
        m += delta / n;
        m2 = fma64(delta, v - m, m2);
      }
    } else {
      for (;;) {
        const v = x[p]!;
        n++;
        const delta = v - m;
        m += delta / n;
        // PyTorch's AVX2 build contracts `m2 + delta * new_delta` to a fused multiply-add
        m2 = fma64(delta, v - m, m2);
        let d = 0;
        for (; d < reducedLoops; d++) {
          innerIndex[d]!++;
          p += innerStrides[d]!;
          if (innerIndex[d]! < inner[d]!) break;
          p -= innerStrides[d]! * inner[d]!;
          innerIndex[d] = 0;
        }
        if (d === reducedLoops) break;
      }
    }
    out[ob] = finish(m2, n);
  });
}
