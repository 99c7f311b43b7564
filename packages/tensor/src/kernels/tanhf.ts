/**
 * Float32 tanh with the bits of PyTorch 1.13's CPU kernel: `Vectorized<float>::tanh` calls SLEEF's
 * `Sleef_tanhf8_u10`, which on an AVX2 machine is SLEEF 3.5's `xtanhf` compiled with fused
 * multiply-adds. The same float32 operations in the same order, each rounded as the vector
 * instruction rounds (`Math.fround`; {@link fma32} for a fused multiply-add), so every float32
 * input gives PyTorch's result (tanhf.parity.test.ts holds it to `torch.tanh`). The relaxed-SIMD
 * kernel `tanh_sleef_f32` (scripts/wasm/sleefWat.mjs) computes the same lane by lane.
 *
 * The algorithm (SLEEF's, within 1 ulp): for y = |x|, `e^y` as a double-float (head and tail),
 * then `(e^y - e^-y) / (e^y + e^-y)` in double-float arithmetic, rounded once; 1 beyond
 * |x| > 8.664339742, the sign of x put back, NaN kept.
 */

import { fma32 } from "../random/fma.js";
import { ldexp2, rintf } from "./sleefSteps.js";
import {
  TANH_CUTOFF as CUTOFF,
  TANH_E0 as E0,
  TANH_E1 as E1,
  TANH_E2 as E2,
  TANH_E3 as E3,
  TANH_E4 as E4,
  L2L,
  L2U,
  R_LN2,
} from "./wasm/sleefConstants.js";

const f = Math.fround;

/** SLEEF's tanh of a float32 value (see the module comment). */
export function tanhf(x: number): number {
  if (Number.isNaN(x)) return x;
  const y = Math.abs(x);
  if (y > CUTOFF) return x < 0 ? -1 : 1;
  // expk2f(y, 0): e^y as a double-float (th, tl)
  const q = rintf(f(y * R_LN2));
  // s = (y, 0) + q·(-L2U), then + q·(-L2L), each as dfadd2 of a double-float and a float
  let b = f(q * -L2U);
  let sh = f(y + b);
  let v = f(sh - y);
  let sl = f(f(y - f(sh - v)) + f(b - v)) + 0; // the tail of (y, 0): adding +0 turns -0 into +0
  b = f(q * -L2L);
  const s2 = f(sh + b);
  v = f(s2 - sh);
  sl = f(f(f(sh - f(s2 - v)) + f(b - v)) + sl);
  sh = s2;
  let u = E4;
  u = fma32(u, sh, E3);
  u = fma32(u, sh, E2);
  u = fma32(u, sh, E1);
  // t = s·u (dfmul by a float) + E0 (dfadd2)
  let ph = f(sh * u);
  let pl = fma32(sl, u, fma32(sh, u, -ph));
  let th = f(ph + E0);
  v = f(th - ph);
  let tl = f(f(f(ph - f(th - v)) + f(E0 - v)) + pl);
  // t = s·t (dfmul of double-floats) + 0.5 (dfadd2)
  ph = f(sh * th);
  pl = fma32(sh, tl, fma32(sl, th, fma32(sh, th, -ph)));
  th = f(ph + 0.5);
  v = f(th - ph);
  tl = f(f(f(ph - f(th - v)) + f(0.5 - v)) + pl);
  // t = s + s²·t: the square (dfsqu), the product (dfmul), the sum (dfadd2 of double-floats)
  const qh = f(sh * sh);
  const ql = fma32(f(sh + sh), sl, fma32(sh, sh, -qh));
  ph = f(qh * th);
  pl = fma32(qh, tl, fma32(ql, th, fma32(qh, th, -ph)));
  th = f(sh + ph);
  v = f(th - sh);
  tl = f(f(f(sh - f(th - v)) + f(ph - v)) + f(sl + pl));
  // t = 1 + t (dfadd of a float and a double-float)
  const oh = f(1 + th);
  const ol = f(f(f(1 - oh) + th) + tl);
  // both parts scaled by 2^q
  const dh = ldexp2(oh, q);
  const dl = ldexp2(ol, q);
  // e = 1 / d (dfrec of a double-float)
  const rh = f(1 / dh);
  const rl = f(rh * fma32(-dl, rh, fma32(-dh, rh, 1)));
  // n = d - e and m = d + e (dfadd of double-floats, |d| ≥ |e|)
  const nh = f(dh - rh);
  const nl = f(f(f(f(dh - nh) - rh) + dl) - rl);
  const mh = f(dh + rh);
  const ml = f(f(f(f(dh - mh) + rh) + dl) + rl);
  // n / m (dfdiv), rounded to one float
  const w = f(1 / mh);
  const qh2 = f(nh * w);
  const e = fma32(w, nh, -qh2);
  const c = fma32(-ml, w, fma32(-mh, w, 1));
  const r = f(qh2 + fma32(qh2, c, fma32(nl, w, e)));
  return x < 0 || Object.is(x, -0) ? -r : r;
}
