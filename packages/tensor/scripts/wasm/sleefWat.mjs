// The relaxed-SIMD modules' float32 tanh, exp and log with SLEEF 3.5's bits (what PyTorch 1.13's
// AVX2 kernels call): the lane-wise twins of src/kernels/tanhf.ts, expf.ts and logf.ts, every
// fused multiply-add of SLEEF's AVX2 code one `f32x4.relaxed_madd`. They give SLEEF's bits only
// where the machine fuses that instruction (`fma_fused` says whether it does); elsewhere the
// caller runs the TypeScript twins.
import { hoistedConstants } from "./hoisted.mjs";
import {
  EXP_C1,
  EXP_C2,
  EXP_C3,
  EXP_C4,
  EXP_C5,
  L2L,
  L2U,
  LOG_FOUR_THIRDS,
  LOG_LN2_HI,
  LOG_LN2_LO,
  LOG_P0,
  LOG_P1,
  LOG_P2,
  R_LN2,
  TANH_BLOCK,
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
/**
 * -a (`f32x4.neg`'s bits: the sign flipped) as a xor with the sign bit from the local $sign: one
 * instruction, where V8 builds f32x4.neg's mask anew each time (three on x64).
 */
const neg = (a) => `${a} local.get $sign v128.xor`;
/** `a·b + c` with one rounding where the machine fuses `f32x4.relaxed_madd`. */
const fma = (a, b, c) => `${a} ${b} ${c} f32x4.relaxed_madd`;

/**
 * SLEEF's `vldexp2_vf_vf_vi2` (`x·2^q` as two products, by 2^(q>>1) and then by 2^(q - (q>>1)))
 * for the i32x4 local `q`: `factors` sets the locals $p1 and $p2 to the two powers, built from
 * their exponent bits (with $h for q>>1), and `scale(x)` multiplies by them.
 */
const ldexp2 = {
  factors: (k, q) => {
    const pow2 = (e) => `${e} ${k.int(127)} i32x4.add i32.const 23 i32x4.shl`;
    return `${set("h", `${get(q)} i32.const 1 i32x4.shr_s`)}
  ${set("p1", pow2(get("h")))}
  ${set("p2", pow2(`${get(q)} ${get("h")} i32x4.sub`))}`;
  },
  scale: (x) => mul(mul(x, get("p1")), get("p2")),
};

/**
 * An integer-valued float32 (|v| < 2²²) as an i32, from the bits of v + 1.5·2²³ (two instructions
 * where `i32x4.trunc_sat_f32x4_s` takes several in V8 on x64); lanes outside that range get
 * garbage, which the kernels replace.
 */
const toInt = (k, v) => `${v} ${k.float(12582912)} f32x4.add ${k.int(0x4b400000)} i32x4.sub`;

/**
 * A unary kernel `name(a, o, n, scratch)` (n a multiple of 4; o may be a) in passes over blocks of
 * `block` floats: each pass is a loop over the block's vectors whose body `passes[p].body` reads
 * the locals `passes[p].loads` names and leaves the values `passes[p].stores` names in locals.
 * A load or store slot is "x" (the input vector), "o" (the output vector) or a number: that
 * vector's place in scratch array number `slot` (`block` floats each, from $scratch).
 *
 * Why passes: one vector's whole computation is a single dependency chain of about 110
 * instructions and 200 cycles of latency, so the core can keep only about three vectors in flight
 * (its reorder buffer) and waits on latency. A pass's chain is a quarter as long, so several times
 * as many vectors overlap. Splitting changes no operation and no order within a lane, so no bit.
 */
function passKernel(name, k, locals, block, passes) {
  const address = (slot) =>
    slot === "x"
      ? "local.get $a local.get $j i32.add"
      : slot === "o"
        ? "local.get $o local.get $j i32.add"
        : "local.get $scratch local.get $j i32.add";
  const offset = (slot) =>
    typeof slot === "number" && slot > 0 ? ` offset=${4 * block * slot}` : "";
  const loops = passes.map(
    ({ loads, body, stores }, p) => `i32.const 0 local.set $j
    block $p${p}done
    loop $p${p}next
    local.get $j local.get $len i32.ge_u br_if $p${p}done
    ${loads.map(([v, slot]) => `${address(slot)} v128.load${offset(slot)} local.set $${v}`).join("\n    ")}
    ${body}
    ${stores.map(([slot, v]) => `${address(slot)} local.get $${v} v128.store${offset(slot)}`).join("\n    ")}
    local.get $j i32.const 16 i32.add local.set $j
    br $p${p}next
    end
    end`,
  );
  return `(func (export "${name}") (param $a i32) (param $o i32) (param $n i32) (param $scratch i32)
  (local $end i32) (local $len i32) (local $j i32) (local $q v128) (local $sign v128) (local $magnitude v128)
  ${locals.map((v) => `(local $${v} v128)`).join(" ")}
  ${k.declarations()}
  ${k.loads()}
  v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000 local.set $sign
  v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff local.set $magnitude
  local.get $a local.get $n i32.const 2 i32.shl i32.add local.set $end
  block $done
  loop $next
  local.get $a local.get $end i32.ge_u br_if $done
  ;; this block's bytes: ${4 * block} or what is left
  local.get $end local.get $a i32.sub local.tee $len i32.const ${4 * block} local.get $len i32.const ${4 * block} i32.lt_u select local.set $len
  ${loops.join("\n  ")}
  local.get $a local.get $len i32.add local.set $a
  local.get $o local.get $len i32.add local.set $o
  br $next
  end
  end
)`;
}

/**
 * `tanh_sleef_f32(a, o, n, scratch)`: SLEEF's `xtanhf`, as src/kernels/sleef/tanhf.ts computes
 * it lane by lane, in four passes over blocks of TANH_BLOCK floats with TANH_SCRATCH_BYTES at
 * $scratch (16-byte aligned, apart from $a and $o): y = |x|, q and s = y - q·ln 2 and the first
 * polynomial; the two double-float steps of e^s's polynomial; e^y = (1 + s + s²·t)·2^q; then
 * (e^y - e^-y)/(e^y + e^-y), ±1 beyond the cutoff, x's sign and NaN.
 */
export function sleefTanhWat(table) {
  const k = hoistedConstants(table, "$k");
  const c = k.float;
  // dfadd2 of the double-float (hi, lo) and the float b into (hi, lo)
  const addFloat = (hi, lo, b, first) => `${set("b", b)}
  ${set("s", add(get(hi), get("b")))}
  ${set("v", sub(get("s"), get(hi)))}
  ${set(lo, add(add(sub(get(hi), sub(get("s"), get("v"))), sub(get("b"), get("v"))), first ? c(0) : get(lo)))}
  ${set(hi, get("s"))}`;
  const first = `${set("y", `${get("x")} local.get $magnitude v128.and`)}
  ${set("qf", `${mul(get("y"), c(R_LN2))} f32x4.nearest`)}
  ${set("sh", get("y"))}
  ${addFloat("sh", "sl", mul(get("qf"), c(-L2U)), true)}
  ${addFloat("sh", "sl", mul(get("qf"), c(-L2L)), false)}
  ${set("u", fma(fma(fma(c(TANH_E4), get("sh"), c(TANH_E3)), get("sh"), c(TANH_E2)), get("sh"), c(TANH_E1)))}`;
  const second = `;; t = s·u + E0
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
  ${addFloat("th", "tl", c(0.5), false)}`;
  const third = `;; t = s + s²·t
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
  ${set("q", toInt(k, get("qf")))}
  ${ldexp2.factors(k, "q")}
  ${set("dh", ldexp2.scale(get("s")))}
  ${set("dl", ldexp2.scale(get("tl")))}`;
  const last = `;; e = 1/d
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
  ${set("s", `${c(1)} ${get("s")} ${get("x")} local.get $magnitude v128.and ${c(TANH_CUTOFF)} f32x4.gt v128.bitselect`)}
  ${set("s", `${get("s")} ${get("x")} local.get $sign v128.and v128.xor`)}
  ${set("s", `${get("x")} ${get("s")} ${get("x")} ${get("x")} f32x4.ne v128.bitselect`)}`;
  const locals = ["x", "y", "qf", "b", "s", "v", "sh", "sl", "u", "ph", "pl", "th", "tl", "qh"];
  locals.push("ql", "dh", "dl", "rh", "rl", "nh", "nl", "mh", "ml", "w", "h", "p1", "p2");
  return passKernel("tanh_sleef_f32", k, locals, TANH_BLOCK, [
    {
      loads: [["x", "x"]],
      body: first,
      stores: [
        [0, "sh"],
        [1, "sl"],
        [2, "u"],
        [3, "qf"],
      ],
    },
    {
      loads: [
        ["sh", 0],
        ["sl", 1],
        ["u", 2],
      ],
      body: second,
      stores: [
        [2, "th"],
        [4, "tl"],
      ],
    },
    {
      loads: [
        ["sh", 0],
        ["sl", 1],
        ["th", 2],
        ["tl", 4],
        ["qf", 3],
      ],
      body: third,
      stores: [
        [0, "dh"],
        [1, "dl"],
      ],
    },
    {
      loads: [
        ["dh", 0],
        ["dl", 1],
        ["x", "x"],
      ],
      body: last,
      stores: [["o", "s"]],
    },
  ]);
}

/**
 * `exp_sleef_f32(a, o, n, scratch)`: SLEEF's `xexpf`, as src/kernels/sleefExpf.ts computes it lane
 * by lane (one pass; the scratch is unused): q = rint(x/ln 2), s = x - q·ln 2 in two fused steps,
 * the polynomial, ·2^q; +0 below -104, +Infinity above 100, NaN kept.
 */
export function sleefExpWat(table) {
  const k = hoistedConstants(table, "$k");
  const c = k.float;
  const body = `${set("qf", `${mul(get("x"), c(R_LN2))} f32x4.nearest`)}
  ${set("s", fma(get("qf"), c(-L2U), get("x")))}
  ${set("s", fma(get("qf"), c(-L2L), get("s")))}
  ${set("u", fma(fma(fma(fma(fma(c(EXP_C5), get("s"), c(EXP_C4)), get("s"), c(EXP_C3)), get("s"), c(EXP_C2)), get("s"), c(EXP_C1)), get("s"), c(0.5)))}
  ${set("u", add(c(1), fma(mul(get("s"), get("s")), get("u"), get("s"))))}
  ;; q as an integer: |x| < 104 gives |q| < 151 (other lanes are replaced below)
  ${set("q", toInt(k, get("qf")))}
  ${ldexp2.factors(k, "q")}
  ;; +0 below -104, +Infinity above 100
  ${set("u", `${ldexp2.scale(get("u"))} ${get("x")} ${c(-104)} f32x4.lt v128.andnot`)}
  ${set("u", `${c(Number.POSITIVE_INFINITY)} ${get("u")} ${get("x")} ${c(100)} f32x4.gt v128.bitselect`)}`;
  return passKernel("exp_sleef_f32", k, ["x", "qf", "s", "u", "h", "p1", "p2"], 64, [
    { loads: [["x", "x"]], body, stores: [["o", "u"]] },
  ]);
}

/**
 * `log_sleef_f32(a, o, n, scratch)`: SLEEF's `xlogf_u1`, as src/kernels/sleefLogf.ts computes it
 * lane by lane (one pass; the scratch is unused): x = m·2^e with m in [0.75, 1.5) (x below 2⁻¹²⁶
 * first scaled by 2⁶⁴), e·ln 2 + 2x' + x'³·P(x'²) with x' = (m - 1)/(m + 1), in double-float
 * arithmetic; +Infinity for +Infinity, NaN below 0 and for NaN, -Infinity for ±0.
 */
export function sleefLogWat(table) {
  const k = hoistedConstants(table, "$k");
  const c = k.float;
  const i = k.int;
  // dfadd2 of the float `a` and m into (hi, lo)
  const addTo = (a, hi, lo) => `${set(hi, add(c(a), get("m")))}
  ${set("v", sub(get(hi), c(a)))}
  ${set(lo, add(sub(c(a), sub(get(hi), get("v"))), sub(get("m"), get("v"))))}`;
  const body = `;; x below 2^-126 (subnormals, zeros and negatives: the last two replaced at the end) ·2^64
  ${set("tiny", `${get("x")} ${c(2 ** -126)} f32x4.lt`)}
  ${set("d", `${mul(get("x"), c(2 ** 64))} ${get("x")} ${get("tiny")} v128.bitselect`)}
  ${set("q", `${mul(get("d"), c(LOG_FOUR_THIRDS))} i32.const 23 i32x4.shr_u ${i(0xff)} v128.and ${i(0x7f)} i32x4.sub`)}
  ${set("m", `${get("d")} ${get("q")} i32.const 23 i32x4.shl i32x4.sub`)}
  ${set("e", `${get("q")} ${get("tiny")} ${i(64)} v128.and i32x4.sub f32x4.convert_i32x4_s`)}
  ;; e·ln 2 as a double-float
  ${set("sh", mul(c(LOG_LN2_HI), get("e")))}
  ${set("sl", fma(c(LOG_LN2_LO), get("e"), fma(c(LOG_LN2_HI), get("e"), neg(get("sh")))))}
  ;; x' = (m - 1) / (m + 1) as a double-float
  ${addTo(-1, "nh", "nl")}
  ${addTo(1, "dh", "dl")}
  ${set("t", div(c(1), get("dh")))}
  ${set("xh", mul(get("nh"), get("t")))}
  ${set("u", fma(get("t"), get("nh"), neg(get("xh"))))}
  ${set("w", fma(neg(get("dl")), get("t"), fma(neg(get("dh")), get("t"), c(1))))}
  ${set("xl", fma(get("xh"), get("w"), fma(get("nl"), get("t"), get("u"))))}
  ${set("x2", mul(get("xh"), get("xh")))}
  ${set("p", fma(fma(c(LOG_P2), get("x2"), c(LOG_P1)), get("x2"), c(LOG_P0)))}
  ;; e·ln 2 + 2x' + x'³·P
  ${set("yh", mul(get("xh"), c(2)))}
  ${set("rh", add(get("sh"), get("yh")))}
  ${set("rl", add(add(add(sub(get("sh"), get("rh")), get("yh")), get("sl")), mul(get("xl"), c(2))))}
  ${set("z", mul(mul(get("x2"), get("xh")), get("p")))}
  ${set("yh", add(get("rh"), get("z")))}
  ${set("rl", add(add(sub(get("rh"), get("yh")), get("z")), get("rl")))}
  ${set("r", add(get("yh"), get("rl")))}
  ;; +Infinity for +Infinity, NaN below zero and for NaN, -Infinity for ±0
  ${set("r", `${c(Number.POSITIVE_INFINITY)} ${get("r")} ${get("d")} ${c(Number.POSITIVE_INFINITY)} f32x4.eq v128.bitselect`)}
  ${set("r", `${c(Number.NaN)} ${get("r")} ${get("d")} ${c(0)} f32x4.lt ${get("d")} ${get("d")} f32x4.ne v128.or v128.bitselect`)}
  ${set("r", `${c(Number.NEGATIVE_INFINITY)} ${get("r")} ${get("d")} ${c(0)} f32x4.eq v128.bitselect`)}`;
  const locals = ["x", "tiny", "d", "m", "e", "sh", "sl", "nh", "nl", "dh", "dl", "v", "t", "xh"];
  locals.push("u", "w", "xl", "x2", "p", "yh", "rh", "rl", "z", "r");
  return passKernel("log_sleef_f32", k, locals, 64, [
    { loads: [["x", "x"]], body, stores: [["o", "r"]] },
  ]);
}

/** The v128 locals (suffixed by the caller's `l`) that {@link sleefExpSteps} uses. */
export const SLEEF_EXP_LOCALS = ["x", "k", "r", "p", "ki", "k1", "e1", "e2"];

/**
 * One vector's steps of SLEEF's `xexpf` (src/kernels/sleefExpf.ts), each leaving the stack as it
 * found it, for kernels that interleave two vectors (softmaxWat.mjs): `load` pushes x, and e^x is
 * left in the local `l("p")`; the others are {@link SLEEF_EXP_LOCALS}. `get(v, int)` loads a
 * constant.
 */
export function sleefExpSteps(get, l, load) {
  const v = (name) => `local.get ${l(name)}`;
  const pow2 = (e) => `${e} ${get(127, true)} i32x4.add i32.const 23 i32x4.shl`;
  return [
    `${load} local.set ${l("x")}`,
    `${mul(v("x"), get(R_LN2))} f32x4.nearest local.set ${l("k")}`,
    `${fma(v("k"), get(-L2U), v("x"))} local.set ${l("r")}`,
    `${fma(v("k"), get(-L2L), v("r"))} local.set ${l("r")}`,
    `${fma(get(EXP_C5), v("r"), get(EXP_C4))} local.set ${l("p")}`,
    ...[EXP_C3, EXP_C2, EXP_C1, 0.5].map(
      (c) => `${fma(v("p"), v("r"), get(c))} local.set ${l("p")}`,
    ),
    `${add(get(1), fma(mul(v("r"), v("r")), v("p"), v("r")))} local.set ${l("p")}`,
    `${v("k")} ${get(12582912)} f32x4.add ${get(0x4b400000, true)} i32x4.sub local.set ${l("ki")}`,
    `${v("ki")} i32.const 1 i32x4.shr_s local.set ${l("k1")}`,
    `${pow2(v("k1"))} local.set ${l("e1")}`,
    `${pow2(`${v("ki")} ${v("k1")} i32x4.sub`)} local.set ${l("e2")}`,
    `${mul(mul(v("p"), v("e1")), v("e2"))} ${v("x")} ${get(-104)} f32x4.lt v128.andnot local.set ${l("p")}`,
    `${get(Number.POSITIVE_INFINITY)} ${v("p")} ${v("x")} ${get(100)} f32x4.gt v128.bitselect local.set ${l("p")}`,
  ];
}

/**
 * `sigmoid_sleef_f32(a, o, n, scratch)`: PyTorch's vector sigmoid, `1 / (1 + exp(0 - x))` with
 * SLEEF's exp, as src/kernels/sleefSigmoidf.ts's `sigmoidVectorf` computes it lane by lane (one
 * pass; the scratch is unused).
 */
export function sleefSigmoidWat(table) {
  const k = hoistedConstants(table, "$k");
  const get = (v, int = false) => (int ? k.int(v) : k.float(v));
  const l = (name) => `$e${name}`;
  const steps = sleefExpSteps(get, l, sub(get(0), "local.get $x"));
  const body = `${steps.join("\n  ")}
  ${set("x", div(get(1), add(get(1), `local.get ${l("p")}`)))}`;
  const locals = ["x", ...SLEEF_EXP_LOCALS.map((v) => `e${v}`)];
  return passKernel("sigmoid_sleef_f32", k, locals, 64, [
    { loads: [["x", "x"]], body, stores: [["o", "x"]] },
  ]);
}
