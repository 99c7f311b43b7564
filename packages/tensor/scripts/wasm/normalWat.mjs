// normal_f32: PyTorch 1.13's AVX2 Box-Muller block (`normal_fill_16_AVX2`) four lanes at a time,
// the WebAssembly twin of src/random/avxNormal.ts: the same constants (normalConstants.mjs) and
// the same float32 operations in the same order, so the same bits.
//
// Its fused multiply-adds are done in float64: the product of two float32 values is exact there,
// so `a·b + c` rounds once to float64 and again to float32. The second rounding can only go wrong
// when the float64 sum lies exactly halfway between two float32 values (its low 29 significand
// bits 0x10000000), or outside float32's normal range. Every multiply-add checks for those, and
// a block in which any lane meets one is left to the TypeScript twin, which resolves it exactly
// (src/random/fma.ts). Within a multiply-add chain the values stay in float64, rounded to float32
// after each step (a demotion and a promotion, both exact once rounded).
import { hoistedConstants } from "./hoisted.mjs";
import {
  COS_P,
  FOPI,
  LOG_P,
  LOG_Q1,
  LOG_Q2,
  MINUS_DP,
  SIN_P,
  SQRTHF,
  TWO_PI,
} from "./normalConstants.mjs";

const HALVES = ["L", "H"];

/**
 * The steps both Box-Muller kernels share after the logarithm's polynomial (on the stack): log(u1)
 * finished, the radius √(-2·log(u1)) into $radius, then x = 2π·u2 into $x, its even octant j into
 * $j and j as a float into $t, for the group at byte `o` from $in.
 */
function radiusAndOctant(k, o) {
  const c = k.float;
  return `local.get $z ${c(0.5)} f32x4.mul f32x4.sub
    local.get $m f32x4.add local.get $e ${c(LOG_Q2)} f32x4.mul f32x4.add
    ${c(-2)} f32x4.mul f32x4.sqrt local.set $radius
    ;; sin and cos of x = 2π·u2: octant j (even), x reduced by j·π/4 in three steps
    ${c(TWO_PI)} local.get $in v128.load offset=${o + 32} f32x4.mul local.tee $x
    ${c(FOPI)} f32x4.mul i32x4.trunc_sat_f32x4_s ${k.int(1)} i32x4.add ${k.int(~1)} v128.and local.tee $j
    f32x4.convert_i32x4_s local.set $t`;
}

/**
 * The first steps of log(u1) for the group at byte `o` from $in, the same in both kernels (exact
 * float32 operations, no multiply-add): u1 = 1 - u split into the mantissa m in [0.5, 1) and the
 * exponent e, then m - 1 (or 2m - 1, e - 1) into $m and $e, and m² into $z. `k` gives the
 * constants (`float`, `int`).
 */
function logSplit(k, o) {
  const c = k.float;
  return `;; log(u1), u1 = 1 - u: mantissa m in [0.5, 1) and exponent e, then m - 1 (or 2m - 1, e - 1)
    ${c(1)} local.get $in v128.load offset=${o} f32x4.sub local.tee $x
    ${k.int(0x807fffff)} v128.and ${k.int(0x3f000000)} v128.or local.set $m
    local.get $x i32.const 23 i32x4.shr_u ${k.int(126)} i32x4.sub f32x4.convert_i32x4_s local.set $e
    local.get $m ${c(SQRTHF)} f32x4.lt local.set $sel
    local.get $m ${c(1)} f32x4.sub local.set $t
    local.get $t local.get $m f32x4.add local.get $t local.get $sel v128.bitselect local.set $m
    local.get $e ${c(1)} f32x4.sub local.get $e local.get $sel v128.bitselect local.set $e
    local.get $m local.get $m f32x4.mul local.set $z`;
}

/**
 * The kernel's text. `k` is the kernels' constant table (`float`, `int`, `double`, `words64`);
 * `shuffles.high` moves a vector's high half to its low half, `shuffles.join` joins two low halves.
 */
export function normalWat(k, shuffles) {
  const c = k.float;
  const d = k.double;
  const MASK = k.words64(0x1fffffff, 0);
  const MID = k.words64(0x10000000, 0);
  const split = (v) =>
    `local.get ${v} f64x2.promote_low_f32x4 local.set ${v}L
    local.get ${v} local.get ${v} ${shuffles.high} f64x2.promote_low_f32x4 local.set ${v}H`;
  const join = (v) =>
    `local.get ${v}L f32x4.demote_f64x2_zero local.get ${v}H f32x4.demote_f64x2_zero ${shuffles.join}`;
  const round = "f32x4.demote_f64x2_zero f64x2.promote_low_f32x4";
  const flagIf = (test) => `${test} local.get $flag v128.or local.set $flag`;
  // into<h> = fma32(a<h>, b<h>, c<h>) for both halves (a, b, c: functions of the half's suffix)
  const fma = (into, a, b, addend) =>
    HALVES.map(
      (h) => `${a(h)} ${b(h)} f64x2.mul ${addend(h)} f64x2.add local.tee $s
    ${flagIf(`${MASK} v128.and ${MID} i64x2.eq`)}
    local.get $s ${round} local.set ${into}${h}`,
    ).join("\n");
  // into<h> = f32(a<h> op b<h>) for both halves (exact in float64, then rounded once)
  const op = (into, a, b, instr) =>
    HALVES.map((h) => `${a(h)} ${b(h)} ${instr} ${round} local.set ${into}${h}`).join("\n");
  const get = (v) => (h) => `local.get ${v}${h}`;
  const constant = (v) => () => d(v);

  const group = (o) => `
    ${logSplit(k, o)}
    ${split("$m")}
    ${split("$z")}
    ${fma("$y", constant(LOG_P[0]), get("$m"), constant(LOG_P[1]))}
    ${LOG_P.slice(2)
      .map((p) => fma("$y", get("$y"), get("$m"), constant(p)))
      .join("\n")}
    ${op("$y", get("$y"), get("$m"), "f64x2.mul")}
    local.get $e ${c(LOG_Q1)} f32x4.mul local.set $q
    ${split("$q")}
    ${fma("$y", get("$y"), get("$z"), get("$q"))}
    ${join("$y")}
    ${radiusAndOctant(k, o)}
    ${split("$x")}
    ${split("$t")}
    ${MINUS_DP.map((p) => fma("$x", get("$t"), constant(p), get("$x"))).join("\n")}
    ${op("$z", get("$x"), get("$x"), "f64x2.mul")}
    ${fma("$c", constant(COS_P[0]), get("$z"), constant(COS_P[1]))}
    ${fma("$c", get("$c"), get("$z"), constant(COS_P[2]))}
    ${op("$c", get("$c"), get("$z"), "f64x2.mul")}
    ${op("$t", get("$z"), constant(-0.5), "f64x2.mul")}
    ${fma("$c", get("$c"), get("$z"), get("$t"))}
    ${op("$c", get("$c"), constant(1), "f64x2.add")}
    ${fma("$s", constant(SIN_P[0]), get("$z"), constant(SIN_P[1]))}
    ${fma("$s", get("$s"), get("$z"), constant(SIN_P[2]))}
    ${op("$s", get("$s"), get("$z"), "f64x2.mul")}
    ${fma("$s", get("$s"), get("$x"), get("$x"))}
    ;; the polynomials swap where bit 1 of j is set; the signs from bits 2 of j and of j - 2
    local.get $j i32.const 30 i32x4.shl i32.const 31 i32x4.shr_s local.set $sel
    ${join("$c")} local.set $c
    ${join("$s")} local.set $t
    local.get $c local.get $t local.get $sel v128.bitselect
    local.get $j i32.const 29 i32x4.shl ${k.int(0x80000000)} v128.and v128.xor
    local.get $radius f32x4.mul local.set $n1
    local.get $t local.get $c local.get $sel v128.bitselect
    local.get $j ${k.int(2)} i32x4.sub v128.not i32.const 29 i32x4.shl ${k.int(0x80000000)} v128.and v128.xor
    local.get $radius f32x4.mul local.set $n0
    ;; out = fma32(n, std, mean), flagged also outside float32's normal range; user means and
    ;; deviations such as 3 and 0.5 often give exact sums on a midpoint, which round right: a
    ;; midpoint is flagged only when the float64 sum was inexact (Knuth's TwoSum error nonzero)
    ${[
      ["$n0", o],
      ["$n1", o + 32],
    ]
      .map(
        ([n, offset]) => `${split(n)}
    ${HALVES.map(
      (
        h,
      ) => `local.get ${n}${h} local.get $std2 f64x2.mul local.tee $p local.get $mean2 f64x2.add local.tee $s
    ${MASK} v128.and ${MID} i64x2.eq
    local.get $p local.get $s local.get $mean2 f64x2.sub local.tee $t f64x2.sub
    local.get $mean2 local.get $s local.get $t f64x2.sub f64x2.sub f64x2.add ${d(0)} f64x2.ne v128.and
    local.get $flag v128.or local.set $flag
    local.get $s f64x2.abs local.tee $t ${d(2 ** 128)} f64x2.lt v128.not
    ${d(0)} local.get $t f64x2.lt local.get $t ${d(2 ** -126)} f64x2.lt v128.and v128.or
    local.get $flag v128.or local.set $flag
    local.get $s ${round} local.set ${n}${h}`,
    ).join("\n")}
    local.get $out ${join(n)} v128.store offset=${offset}`,
      )
      .join("\n")}`;

  const v128 = [
    "x",
    "m",
    "e",
    "sel",
    "t",
    "z",
    "q",
    "j",
    "c",
    "radius",
    "n0",
    "n1",
    "flag",
    "s",
    "mean2",
    "p",
    "std2",
    ...["m", "z", "y", "q", "x", "t", "c", "s", "n0", "n1"].flatMap((v) => [`${v}L`, `${v}H`]),
  ];
  return `(func (export "normal_f32") (param $in i32) (param $out i32) (param $blocks i32) (param $mean f32) (param $std f32) (result i32)
  (local $b i32) ${v128.map((v) => `(local $${v} v128)`).join(" ")}
  local.get $mean f64.promote_f32 f64x2.splat local.set $mean2
  local.get $std f64.promote_f32 f64x2.splat local.set $std2
  block $done
  loop $next
  local.get $b local.get $blocks i32.ge_u br_if $done
  i32.const 0 i32x4.splat local.set $flag
  ${group(0)}
  ${group(16)}
  local.get $flag v128.any_true br_if $done
  local.get $in i32.const 64 i32.add local.set $in
  local.get $out i32.const 64 i32.add local.set $out
  local.get $b i32.const 1 i32.add local.set $b
  br $next
  end
  end
  local.get $b
)`;
}

/**
 * `normal_fused_f32`: the same Box-Muller blocks as {@link normalWat}'s `normal_f32`, for the
 * relaxed-SIMD module, where every multiply-add of PyTorch's AVX2 code is one
 * `f32x4.relaxed_madd`. Where the machine fuses it (x64 with FMA3 and arm64; `fma_fused` below
 * says whether it does here) that is the AVX2 code's own single rounding, so the float32 lanes
 * need neither float64 nor the checks for the rare double-rounding case, and no block is left to
 * the TypeScript twin. Otherwise its bits may differ, and the caller must not use it.
 * `(param $in i32) (param $out i32) (param $blocks i32) (param $mean f32) (param $std f32)`: every
 * block of 16 uniforms at $in to its 16 samples at $out.
 */
export function normalFusedWat(table) {
  // every constant is loaded into a local once, before the loop
  const k = hoistedConstants(table, "$k");
  const c = k.float;
  const madd = (a, b, addend) => `${a} ${b} ${addend} f32x4.relaxed_madd`;
  const get = (v) => `local.get ${v}`;
  const group = (o) => `
    ${logSplit(k, o)}
    ${madd(c(LOG_P[0]), get("$m"), c(LOG_P[1]))} local.set $y
    ${LOG_P.slice(2)
      .map((p) => `${madd(get("$y"), get("$m"), c(p))} local.set $y`)
      .join("\n    ")}
    local.get $y local.get $m f32x4.mul local.set $y
    ${madd(get("$y"), get("$z"), `local.get $e ${c(LOG_Q1)} f32x4.mul`)}
    ${radiusAndOctant(k, o)}
    ${MINUS_DP.map((p) => `${madd(get("$t"), c(p), get("$x"))} local.set $x`).join("\n    ")}
    local.get $x local.get $x f32x4.mul local.set $z
    ${madd(c(COS_P[0]), get("$z"), c(COS_P[1]))} local.set $c
    ${madd(get("$c"), get("$z"), c(COS_P[2]))} local.get $z f32x4.mul local.set $c
    ${madd(get("$c"), get("$z"), `local.get $z ${c(-0.5)} f32x4.mul`)} ${c(1)} f32x4.add local.set $c
    ${madd(c(SIN_P[0]), get("$z"), c(SIN_P[1]))} local.set $s
    ${madd(get("$s"), get("$z"), c(SIN_P[2]))} local.get $z f32x4.mul local.set $s
    ${madd(get("$s"), get("$x"), get("$x"))} local.set $s
    ;; the polynomials swap where bit 1 of j is set; the signs from bits 2 of j and of j - 2
    local.get $j i32.const 30 i32x4.shl i32.const 31 i32x4.shr_s local.set $sel
    local.get $out
    ${madd(
      `local.get $s local.get $c local.get $sel v128.bitselect
    local.get $j ${k.int(2)} i32x4.sub v128.not i32.const 29 i32x4.shl ${k.int(0x80000000)} v128.and v128.xor
    local.get $radius f32x4.mul`,
      get("$std4"),
      get("$mean4"),
    )} v128.store offset=${o}
    local.get $out
    ${madd(
      `local.get $c local.get $s local.get $sel v128.bitselect
    local.get $j i32.const 29 i32x4.shl ${k.int(0x80000000)} v128.and v128.xor
    local.get $radius f32x4.mul`,
      get("$std4"),
      get("$mean4"),
    )} v128.store offset=${o + 32}`;
  const v128 = ["x", "m", "e", "sel", "t", "z", "y", "j", "c", "s", "radius", "mean4", "std4"];
  const body = `${group(0)}
  ${group(16)}`;
  return `(func (export "normal_fused_f32") (param $in i32) (param $out i32) (param $blocks i32) (param $mean f32) (param $std f32)
  (local $end i32) ${v128.map((v) => `(local $${v} v128)`).join(" ")}
  ${k.declarations()}
  ${k.loads()}
  local.get $mean f32x4.splat local.set $mean4
  local.get $std f32x4.splat local.set $std4
  local.get $in local.get $blocks i32.const 6 i32.shl i32.add local.set $end
  block $done
  loop $next
  local.get $in local.get $end i32.ge_u br_if $done
  ${body}
  local.get $in i32.const 64 i32.add local.set $in
  local.get $out i32.const 64 i32.add local.set $out
  br $next
  end
  end
)
(func (export "fma_fused") (result i32)
  ;; (1 + 2^-12)^2 - (1 + 2^-11) is 2^-24 with one rounding; 0 when the product is rounded first
  ${table.float(1 + 2 ** -12)} ${table.float(1 + 2 ** -12)} ${table.float(-(1 + 2 ** -11))} f32x4.relaxed_madd
  f32x4.extract_lane 0 ${table.float(0)} f32x4.extract_lane 0 f32.ne
)`;
}
