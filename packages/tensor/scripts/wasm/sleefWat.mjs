// The relaxed-SIMD modules' float32 tanh, exp and log with SLEEF 3.5's bits (what PyTorch 1.13's
// AVX2 kernels call): the lane-wise twins of src/kernels/tanhf.ts, expf.ts and logf.ts, every
// fused multiply-add of SLEEF's AVX2 code one `f32x4.relaxed_madd`. They give SLEEF's bits only
// where the machine fuses that instruction (`fma_fused` says whether it does); elsewhere the
// caller runs the TypeScript twins.
import { hoistedConstants } from "./hoisted.mjs";
import {
  L2L,
  L2U,
  R_LN2,
  TANH_CUTOFF,
  TANH_E0,
  TANH_E1,
  TANH_E2,
  TANH_E3,
  TANH_E4,
} from "./sleefConstants.mjs";

const get = (v) => `local.get $${v}`;
const set = (v, expr) => `${expr} local.set $${v}`;
const add = (a, b) => `${a} ${b} f32x4.add`;
const sub = (a, b) => `${a} ${b} f32x4.sub`;
const mul = (a, b) => `${a} ${b} f32x4.mul`;
const div = (a, b) => `${a} ${b} f32x4.div`;
const neg = (a) => `${a} f32x4.neg`;
/** `a·b + c` with one rounding where the machine fuses `f32x4.relaxed_madd`. */
const fma = (a, b, c) => `${a} ${b} ${c} f32x4.relaxed_madd`;

/**
 * `x·2^q` as SLEEF's `vldexp2_vf_vf_vi2` computes it: two products, by 2^(q>>1) and by
 * 2^(q - (q>>1)), each power built from its exponent bits; `q` an i32x4 local.
 */
const ldexp2 = (k, x, q) => {
  const pow2 = (e) => `${e} ${k.int(127)} i32x4.add i32.const 23 i32x4.shl`;
  const half = `${get(q)} i32.const 1 i32x4.shr_s`;
  return mul(mul(x, pow2(half)), pow2(`${get(q)} ${half} i32x4.sub`));
};

/**
 * The loop of a unary kernel `(param $a i32) (param $o i32) (param $n i32)` (n a multiple of 4;
 * o may be a): `body` computes lane-wise from the vector in $x, leaving the result on the stack.
 */
function unaryKernel(name, k, locals, body) {
  return `(func (export "${name}") (param $a i32) (param $o i32) (param $n i32)
  (local $end i32) (local $q v128) ${locals.map((v) => `(local $${v} v128)`).join(" ")}
  ${k.declarations()}
  ${k.loads()}
  local.get $a local.get $n i32.const 2 i32.shl i32.add local.set $end
  block $done
  loop $next
  local.get $a local.get $end i32.ge_u br_if $done
  local.get $a v128.load local.set $x
  local.get $o
  ${body}
  v128.store
  local.get $a i32.const 16 i32.add local.set $a
  local.get $o i32.const 16 i32.add local.set $o
  br $next
  end
  end
)`;
}

/** `tanh_sleef_f32`: SLEEF's `xtanhf`, as src/kernels/tanhf.ts computes it lane by lane. */
export function sleefTanhWat(table) {
  const k = hoistedConstants(table, "$k");
  const c = k.float;
  // dfadd2 of the double-float (hi, lo) and the float b into (hi, lo)
  const addFloat = (hi, lo, b, first) => `${set("b", b)}
  ${set("s", add(get(hi), get("b")))}
  ${set("v", sub(get("s"), get(hi)))}
  ${set(lo, add(add(sub(get(hi), sub(get("s"), get("v"))), sub(get("b"), get("v"))), first ? c(0) : get(lo)))}
  ${set(hi, get("s"))}`;
  const body = `${set("y", `${get("x")} f32x4.abs`)}
  ${set("qf", `${mul(get("y"), c(R_LN2))} f32x4.nearest`)}
  ${set("q", `${get("qf")} i32x4.trunc_sat_f32x4_s`)}
  ${set("sh", get("y"))}
  ${addFloat("sh", "sl", mul(get("qf"), c(-L2U)), true)}
  ${addFloat("sh", "sl", mul(get("qf"), c(-L2L)), false)}
  ${set("u", fma(fma(fma(c(TANH_E4), get("sh"), c(TANH_E3)), get("sh"), c(TANH_E2)), get("sh"), c(TANH_E1)))}
  ;; t = s·u + E0
  ${set("ph", mul(get("sh"), get("u")))}
  ${set("pl", fma(get("sl"), get("u"), fma(get("sh"), get("u"), neg(get("ph")))))}
  ${set("th", get("ph"))}
  ${set("tl", get("pl"))}
  ${addFloat("th", "tl", c(TANH_E0), false)}
  ;; t = s·t + 0.5
  ${set("ph", mul(get("sh"), get("th")))}
  ${set("pl", fma(get("sh"), get("tl"), fma(get("sl"), get("th"), fma(get("sh"), get("th"), neg(get("ph"))))))}
  ${set("th", get("ph"))}
  ${set("tl", get("pl"))}
  ${addFloat("th", "tl", c(0.5), false)}
  ;; t = s + s²·t
  ${set("qh", mul(get("sh"), get("sh")))}
  ${set("ql", fma(add(get("sh"), get("sh")), get("sl"), fma(get("sh"), get("sh"), neg(get("qh")))))}
  ${set("ph", mul(get("qh"), get("th")))}
  ${set("pl", fma(get("qh"), get("tl"), fma(get("ql"), get("th"), fma(get("qh"), get("th"), neg(get("ph"))))))}
  ${set("th", add(get("sh"), get("ph")))}
  ${set("v", sub(get("th"), get("sh")))}
  ${set("tl", add(add(sub(get("sh"), sub(get("th"), get("v"))), sub(get("ph"), get("v"))), add(get("sl"), get("pl"))))}
  ;; t = 1 + t, scaled by 2^q: d
  ${set("s", add(c(1), get("th")))}
  ${set("tl", add(add(sub(c(1), get("s")), get("th")), get("tl")))}
  ${set("dh", ldexp2(k, get("s"), "q"))}
  ${set("dl", ldexp2(k, get("tl"), "q"))}
  ;; e = 1/d
  ${set("rh", div(c(1), get("dh")))}
  ${set("rl", mul(get("rh"), fma(neg(get("dl")), get("rh"), fma(neg(get("dh")), get("rh"), c(1)))))}
  ;; (d - e) / (d + e)
  ${set("nh", sub(get("dh"), get("rh")))}
  ${set("nl", sub(add(sub(sub(get("dh"), get("nh")), get("rh")), get("dl")), get("rl")))}
  ${set("mh", add(get("dh"), get("rh")))}
  ${set("ml", add(add(add(sub(get("dh"), get("mh")), get("rh")), get("dl")), get("rl")))}
  ${set("w", div(c(1), get("mh")))}
  ${set("s", mul(get("nh"), get("w")))}
  ${set("v", fma(get("w"), get("nh"), neg(get("s"))))}
  ${set("u", fma(neg(get("ml")), get("w"), fma(neg(get("mh")), get("w"), c(1))))}
  ${set("s", add(get("s"), fma(get("s"), get("u"), fma(get("nl"), get("w"), get("v")))))}
  ;; 1 beyond the cutoff, x's sign, NaN kept
  ${set("s", `${c(1)} ${get("s")} ${get("y")} ${c(TANH_CUTOFF)} f32x4.gt v128.bitselect`)}
  ${set("s", `${get("s")} ${get("x")} ${k.int(0x80000000)} v128.and v128.xor`)}
  ${get("x")} ${get("s")} ${get("x")} ${get("x")} f32x4.ne v128.bitselect`;
  const locals = ["x", "y", "qf", "b", "s", "v", "sh", "sl", "u", "ph", "pl", "th", "tl", "qh"];
  locals.push("ql", "dh", "dl", "rh", "rl", "nh", "nl", "mh", "ml", "w");
  return unaryKernel("tanh_sleef_f32", k, locals, body);
}
