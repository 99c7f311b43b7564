// The WebAssembly text of the optimizers' SIMD update kernels (written out to
// src/kernels/wasm/update.wat by ../build-wasm.mjs, which assembles it with @kindling/tensor's
// assembler). Each kernel is the lane-wise twin of a float32 loop in src/algorithms (the same
// roundings in the same order), so the two agree bit for bit:
// - an `f32x4` operation rounds as `Math.fround` of the float64 operation does (+, -, ·, / and √
//   of float32 values, rounded once more to float32, give the float32 result);
// - where the loop rounds only the sum `fr(x + y·z)`, keeping `y·z` in float64, the kernel does
//   the same in two `f64x2` halves (`fused` below).
// The caller copies chunks of the arrays into the module's memory (at most CHUNK elements each,
// rounded up to a multiple of four lanes) and back.

/** Elements per array per chunk: 64 KiB of float32. */
export const CHUNK = 16_384;
/**
 * 64 KiB pages of the module's memory: four chunks (parameter, gradient, two state arrays), each
 * a few cache lines past its 64 KiB boundary (see SLOT_SKEW in updateKernels.ts), so five.
 */
export const PAGES = 5;

const HIGH_HALF = "8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7";
const JOIN_LOW_HALVES = "0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23";

/**
 * `out = fr(x + y·z)` lane-wise, the product and the sum in float64 (two lanes at a time). `y`
 * is a splatted parameter: its float64 splat (`$Y64`, set before the loop) serves both halves.
 */
function fused(x, y, z, out) {
  const half = (v, high) =>
    high
      ? `local.get ${v} local.get ${v} i8x16.shuffle ${HIGH_HALF} f64x2.promote_low_f32x4`
      : `local.get ${v} f64x2.promote_low_f32x4`;
  const lanes = (high) =>
    `${half(x, high)} local.get ${y}64 ${half(z, high)} f64x2.mul f64x2.add f32x4.demote_f64x2_zero`;
  return `${lanes(false)}
    ${lanes(true)}
    i8x16.shuffle ${JOIN_LOW_HALVES} local.set ${out}`;
}

/** A loop over four-lane vectors of the arrays `pointers` (the first one bounds it). */
function loop(pointers, body) {
  const [first] = pointers;
  return `local.get ${first} local.get $n i32.const 2 i32.shl i32.add local.set $end
  block $done
    loop $next
      local.get ${first} local.get $end i32.ge_u br_if $done
      ${body}
      ${pointers.map((p) => `local.get ${p} i32.const 16 i32.add local.set ${p}`).join("\n      ")}
      br $next
    end
  end`;
}

/**
 * f32 parameters splatted into v128 locals of the same name in capitals; those in `wide` also
 * into float64 splats (`$NAME64`), for {@link fused}.
 */
function splats(names, wide = []) {
  const upper = (s) => `$${s.toUpperCase()}`;
  return {
    params: names.map((s) => `(param $${s} f32)`).join(" "),
    locals: [
      ...names.map((s) => `(local ${upper(s)} v128)`),
      ...wide.map((s) => `(local ${upper(s)}64 v128)`),
    ].join(" "),
    init: [
      ...names.map((s) => `local.get $${s} f32x4.splat local.set ${upper(s)}`),
      ...wide.map((s) => `local.get $${s} f64.promote_f32 f64x2.splat local.set ${upper(s)}64`),
    ].join("\n  "),
  };
}

// SGD without momentum or weight decay (sgdPlainFloat32): p = fr(p + step·(sign·g)).
const plain = splats(["sign", "step"], ["step"]);
const sgd = `(func (export "sgd_f32") (param $p i32) (param $g i32) (param $n i32) ${plain.params}
  (local $end i32) (local $d v128) (local $x v128) ${plain.locals}
  ${plain.init}
  ${loop(
    ["$p", "$g"],
    `local.get $g v128.load local.get $SIGN f32x4.mul local.set $d
      local.get $p v128.load local.set $x
      ${fused("$x", "$STEP", "$d", "$x")}
      local.get $p local.get $x v128.store`,
  )}
)`;

// SGD's common momentum step (sgdMomentumFloat32 without decay, first step or Nesterov):
// m = fr(fr(b·momentum) + keep·(sign·g)), b = m, p = fr(p + step·m).
const mom = splats(["sign", "momentum", "keep", "step"], ["keep", "step"]);
const sgdMomentum = `(func (export "sgd_momentum_f32") (param $p i32) (param $g i32) (param $b i32) (param $n i32) ${mom.params}
  (local $end i32) (local $d v128) (local $t v128) (local $m v128) (local $x v128) ${mom.locals}
  ${mom.init}
  ${loop(
    ["$p", "$g", "$b"],
    `local.get $g v128.load local.get $SIGN f32x4.mul local.set $d
      local.get $b v128.load local.get $MOMENTUM f32x4.mul local.set $t
      ${fused("$t", "$KEEP", "$d", "$m")}
      local.get $b local.get $m v128.store
      local.get $p v128.load local.set $x
      ${fused("$x", "$STEP", "$m", "$x")}
      local.get $p local.get $x v128.store`,
  )}
)`;

// The same without dampening (keep = 1): m = fr(fr(b·momentum) + sign·g) is one f32x4.add, since
// a float32 sum rounded to float64 and then to float32 is the float32 sum (53 ≥ 2·24 + 2 bits).
const nodamp = splats(["sign", "momentum", "step"], ["step"]);
const sgdMomentumNoDampening = `(func (export "sgd_momentum_nodamp_f32") (param $p i32) (param $g i32) (param $b i32) (param $n i32) ${nodamp.params}
  (local $end i32) (local $m v128) (local $x v128) ${nodamp.locals}
  ${nodamp.init}
  ${loop(
    ["$p", "$g", "$b"],
    `local.get $b v128.load local.get $MOMENTUM f32x4.mul
      local.get $g v128.load local.get $SIGN f32x4.mul f32x4.add local.set $m
      local.get $b local.get $m v128.store
      local.get $p v128.load local.set $x
      ${fused("$x", "$STEP", "$m", "$x")}
      local.get $p local.get $x v128.store`,
  )}
)`;

// Adam and AdamW without amsgrad (adamFloat32's branch-free loop): d = sign·g, pi = fr(p·factor),
// m = fr(fr(m·b1) + keep1·d), v = fr(fr(v·b2) + fr(fr(keep2·d)·d)),
// p = fr(pi + fr(fr(step·m) / fr(fr(fr(√v) / bc2) + eps))).
const ad = splats(
  ["sign", "factor", "b1", "keep1", "b2", "keep2", "bc2", "eps", "step"],
  ["keep1"],
);
const adam = `(func (export "adam_f32") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32) ${ad.params}
  (local $end i32) (local $d v128) (local $t v128) (local $mi v128) (local $vi v128) ${ad.locals}
  ${ad.init}
  ${loop(
    ["$p", "$g", "$m", "$v"],
    `local.get $g v128.load local.get $SIGN f32x4.mul local.set $d
      local.get $m v128.load local.get $B1 f32x4.mul local.set $t
      ${fused("$t", "$KEEP1", "$d", "$mi")}
      local.get $m local.get $mi v128.store
      local.get $v v128.load local.get $B2 f32x4.mul
      local.get $KEEP2 local.get $d f32x4.mul local.get $d f32x4.mul f32x4.add local.set $vi
      local.get $v local.get $vi v128.store
      local.get $p
      local.get $p v128.load local.get $FACTOR f32x4.mul
      local.get $STEP local.get $mi f32x4.mul
      local.get $vi f32x4.sqrt local.get $BC2 f32x4.div local.get $EPS f32x4.add
      f32x4.div f32x4.add v128.store`,
  )}
)`;

/** The module's text. */
export function updateWat() {
  return `;; Generated by packages/optim/scripts/build-wasm.mjs from scripts/wasm/updateWat.mjs: do not edit.
(module
(memory (export "memory") ${PAGES})
${[sgd, sgdMomentum, sgdMomentumNoDampening, adam].join("\n")}
)
`;
}
