// The WebAssembly text of the SIMD kernels (written out to src/kernels/wasm/kernels.wat by
// build-wasm.mjs, which assembles it). Every kernel works on float32 arrays in the module's
// memory, four lanes at a time; the caller (src/kernels/wasm/simd.ts) rounds lengths up to a
// multiple of what a loop step takes (16 for the binary ops, 32 for sum_f32, zero-padded) and copies data in and out in chunks.
// Each kernel is the lane-wise twin of a TypeScript loop (same constants, same operations in the
// same order), so the two agree bit for bit. SLEEF's tanh, which needs fused multiply-adds, is in
// the relaxed-SIMD modules (sleefWat.mjs).

import { cascadeWat } from "./cascadeWat.mjs";
import { normalFusedWat, normalWat } from "./normalWat.mjs";
import {
  SLEEF_EXP_LOCALS,
  sleefExpSteps,
  sleefExpWat,
  sleefLogWat,
  sleefSigmoidWat,
  sleefTanhWat,
} from "./sleefWat.mjs";
import { softmaxWat } from "./softmaxWat.mjs";

/** 64 KiB pages of the module's memory: three 64 KiB chunks (a, b, out), then the constants. */
export const PAGES = 4;

/**
 * Bytes the out chunk starts after its 64 KiB boundary (simd.ts's `O`). Copying a result out of
 * the module's memory into a typed array whose address is the same modulo 4096 (as V8 places
 * large array buffers, on page boundaries) runs about ten times slower on AMD Zen 3 (1.5 ms
 * against 0.13 for 4 MB); any other distance copies at full speed. The a and b chunks, copied
 * into, are not affected.
 */
export const OUT_SKEW = 64;

/** Byte offset of the kernels' constant table (a data segment), after the three chunks. */
export const CONSTANTS_AT = 3 * 65536 + OUT_SKEW;

/**
 * A table of 32-bit constants laid out in the module's memory: `float(v)` and `int(v)` give the instructions
 * that load `v` into all four lanes (one `vbroadcastss` in V8, where a `v128.const` costs three
 * instructions, a 64-bit move, a transfer and a shuffle), `segment()` the data segment.
 */
function constantTable(at) {
  const bits = [];
  let written = false;
  const slot = (pattern) => {
    let i = bits.indexOf(pattern);
    if (i < 0 && written) {
      // The data segment is already out: a kernel built after it would read zeros.
      throw new Error(`constant 0x${pattern.toString(16)} added after the table was written`);
    }
    if (i < 0) i = bits.push(pattern) - 1;
    return `i32.const 0 v128.load32_splat offset=${at + 4 * i}`;
  };
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  /** The 64-bit pattern `hi·2³² + lo` in both lanes (`v128.load64_splat`). */
  const words64 = (lo, hi) => {
    let i = 0;
    while (i + 1 < bits.length && !(bits[i] === lo && bits[i + 1] === hi)) i += 2;
    if (i + 1 >= bits.length) {
      if (written)
        throw new Error(
          `constant 0x${hi.toString(16)}_${lo.toString(16)} added after the table was written`,
        );
      if (bits.length % 2 === 1) bits.push(0);
      i = bits.push(lo, hi) - 2;
    }
    return `i32.const 0 v128.load64_splat offset=${at + 4 * i}`;
  };
  return {
    float(v) {
      f32[0] = v;
      return slot(u32[0]);
    },
    int: (v) => slot(v >>> 0),
    /** `v` as a float64 in both lanes (two words, 8-byte aligned, `v128.load64_splat`). */
    double(v) {
      const [lo, hi] = new Uint32Array(new Float64Array([v]).buffer);
      return words64(lo, hi);
    },
    words64,
    segment() {
      written = true;
      // simd.ts keeps small per-call data from 3 * 65536 + 4096 on (SCRATCH there).
      if (at + bits.length * 4 > 3 * 65536 + 4096) {
        throw new Error("the constant table outgrew its 4 KiB");
      }
      const hex = bits
        .flatMap((b) => [0, 8, 16, 24].map((shift) => (b >>> shift) & 0xff))
        .map((byte) => `\\${byte.toString(16).padStart(2, "0")}`)
        .join("");
      return `(data (i32.const ${at}) "${hex}")`;
    },
  };
}

const constants = constantTable(CONSTANTS_AT);
const c = constants.float;

const BINARY = { add: "f32x4.add", sub: "f32x4.sub", mul: "f32x4.mul", div: "f32x4.div" };

/**
 * `torch.maximum` and `torch.minimum` as the TypeScript loops compute them, from the operands x
 * and y on the stack: `x > y || x !== x ? x : y` is `pmax(y, x)` (`y < x ? x : y`: y at ties
 * and where y is NaN) with x's lanes put back where x is NaN; the minimum likewise with `pmin`.
 * Elementwise kernels only (no rows kernels: bias-style broadcasts of these are rare).
 */
const MIN_MAX = Object.fromEntries(
  [
    ["maximum", "f32x4.pmax"],
    ["minimum", "f32x4.pmin"],
  ].map(([name, op]) => [
    name,
    `local.set $y local.set $x local.get $x local.get $y local.get $x ${op} local.get $x local.get $x f32x4.ne v128.bitselect`,
  ]),
);

const step = (p, by) => `local.get ${p} i32.const ${by} i32.add local.set ${p}`;
/** The high half of a v128 moved to both halves (for `f64x2.promote_low_f32x4` of lanes 2, 3). */
const HIGH = "i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15";
/** The low halves of two v128s joined (two `f32x4.demote_f64x2_zero` results into one). */
const JOIN = "i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23";

/**
 * `while (counter < limit) body` for unsigned i32s: a block `$<label>done` around a loop
 * `$<label>next`; `counter` and `limit` are the instructions that push them, and `body` moves the
 * counter on.
 */
const whileBelow = (label, counter, limit, body) => `block $${label}done
loop $${label}next
${counter} ${limit} i32.ge_u br_if $${label}done
${body}
br $${label}next
end
end`;
const endOf = (p, n) => `local.get ${p} local.get ${n} i32.const 2 i32.shl i32.add local.set $end`;

/**
 * A loop over four 4-lane vectors at a time (n a multiple of 16): `body(offset)` handles the
 * vector at byte `offset` from the pointers. A quarter of the loop's own instructions per element.
 */
function vectorLoop4(body, pointers) {
  return whileBelow(
    "",
    "local.get $a",
    "local.get $end",
    [...[0, 16, 32, 48].map(body), ...pointers.map((p) => step(p, 64))].join("\n"),
  );
}

const at = (offset) => (offset === 0 ? "" : ` offset=${offset}`);

function binary(name, op) {
  // the operands as locals, for ops that read them more than once (MIN_MAX)
  const xy = op.includes("$x") ? " (local $x v128) (local $y v128)" : "";
  const vv = `(func (export "${name}_vv") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
  (local $end i32)${xy}
  ${endOf("$a", "$n")}
  ${vectorLoop4((o) => `local.get $o local.get $a v128.load${at(o)} local.get $b v128.load${at(o)} ${op} v128.store${at(o)}`, ["$a", "$b", "$o"])}
)`;
  const vs = `(func (export "${name}_vs") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
  (local $end i32) (local $v v128)${xy}
  ${endOf("$a", "$n")}
  local.get $s f32x4.splat local.set $v
  ${vectorLoop4((o) => `local.get $o local.get $a v128.load${at(o)} local.get $v ${op} v128.store${at(o)}`, ["$a", "$o"])}
)`;
  const sv = `(func (export "${name}_sv") (param $s f32) (param $a i32) (param $o i32) (param $n i32)
  (local $end i32) (local $v v128)${xy}
  ${endOf("$a", "$n")}
  local.get $s f32x4.splat local.set $v
  ${vectorLoop4((o) => `local.get $o local.get $v local.get $a v128.load${at(o)} ${op} v128.store${at(o)}`, ["$a", "$o"])}
)`;
  return [vv, vs, sv].join("\n");
}

/**
 * The elementwise unary kernels whose float32 result is one exactly specified operation, so the
 * lanes give the TypeScript loops' bits: `-x`, `|x|`, the correctly rounded `√x` (as
 * `Math.fround(Math.sqrt(x))`), and relu's `x < 0 ? 0 : x` (NaN and -0 kept) as x with the lanes
 * below 0 cleared. `<name>_f32(a, o, n)`, n a multiple of 16.
 */
const UNARY = {
  neg: "f32x4.neg",
  abs: "f32x4.abs",
  sqrt: "f32x4.sqrt",
  relu: `local.tee $v local.get $v ${c(0)} f32x4.lt v128.andnot`,
};

function unary(name, op) {
  return `(func (export "${name}_f32") (param $a i32) (param $o i32) (param $n i32)
  (local $end i32) (local $v v128)
  ${endOf("$a", "$n")}
  ${vectorLoop4((o) => `local.get $o local.get $a v128.load${at(o)} ${op} v128.store${at(o)}`, ["$a", "$o"])}
)`;
}

/**
 * `relu_backward_f32(a, b, o, n)`: PyTorch's `threshold_backward` for relu, `o = a <= 0 ? 0 : b`
 * with `a` relu's output and `b` the gradient: b with the lanes where `a <= 0` cleared (a NaN
 * output compares false, so its gradient passes). n a multiple of 16.
 */
const reluBackward = `(func (export "relu_backward_f32") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
  (local $end i32)
  ${endOf("$a", "$n")}
  ${vectorLoop4((o) => `local.get $o local.get $b v128.load${at(o)} local.get $a v128.load${at(o)} ${c(0)} f32x4.le v128.andnot v128.store${at(o)}`, ["$a", "$b", "$o"])}
)`;

/**
 * `clamp_f32(a, lo, hi, o, n)`: `min(max(x, lo), hi)` as the TypeScript loop computes it,
 * `y = x < lo ? lo : x`, then `y > hi ? hi : y` (NaN kept, `hi` everywhere when lo > hi): the
 * first is `pmax(x, lo)`, the second `pmin(y, hi)`. The bounds as float32 (the loop compares
 * with the unrounded bounds, which picks the same element: no float32 lies strictly between a
 * bound and its rounding). n a multiple of 16.
 */
const clamp = `(func (export "clamp_f32") (param $a i32) (param $lo f32) (param $hi f32) (param $o i32) (param $n i32)
  (local $end i32) (local $l v128) (local $h v128)
  ${endOf("$a", "$n")}
  local.get $lo f32x4.splat local.set $l
  local.get $hi f32x4.splat local.set $h
  ${vectorLoop4((o) => `local.get $o local.get $a v128.load${at(o)} local.get $l f32x4.pmax local.get $h f32x4.pmin v128.store${at(o)}`, ["$a", "$o"])}
)`;

/** Two vectors' step lists (each step stack-neutral) merged step by step: 0's first, then 1's. */
export function interleave(chains) {
  return chains[0].flatMap((_, i) => chains.map((chain) => chain[i]));
}

const unaryKernels = [
  ...Object.entries(UNARY).map(([name, op]) => unary(name, op)),
  clamp,
  reluBackward,
];

/**
 * `where_f32(c, a, b, o, n)`: `o[i] = c[i] !== 0 ? a[i] : b[i]` for n floats (a multiple of 16),
 * `c` n bytes: sixteen condition bytes compared with 0 make a byte mask, sign-extended to four
 * lane masks that choose b's bits where the byte is 0 and a's elsewhere. The bits of the
 * TypeScript loop, NaN payloads included.
 */
const whereF32 = (() => {
  // the four lane masks of the byte mask $m: lanes 0-3, 4-7 (from its low half, in $h), 8-11,
  // 12-15 (its high half)
  const lanes = (o, half) =>
    `local.get $o local.get $b v128.load${at(o)} local.get $a v128.load${at(o)} local.get $h i32x4.extend_${half}_i16x8_s v128.bitselect v128.store${at(o)}`;
  return `(func (export "where_f32") (param $c i32) (param $a i32) (param $b i32) (param $o i32) (param $n i32)
  (local $end i32) (local $m v128) (local $h v128)
  ${endOf("$a", "$n")}
  ${whileBelow(
    "",
    "local.get $a",
    "local.get $end",
    [
      `local.get $c v128.load ${c(0)} i8x16.eq local.tee $m i16x8.extend_low_i8x16_s local.set $h`,
      lanes(0, "low"),
      lanes(16, "high"),
      "local.get $m i16x8.extend_high_i8x16_s local.set $h",
      lanes(32, "low"),
      lanes(48, "high"),
      step("$c", 16),
      step("$a", 64),
      step("$b", 64),
      step("$o", 64),
    ].join("\n"),
  )}
)`;
})();

/**
 * The float32 comparisons with a bool result: `<op>_cmp_vv(a, b, o, n)` and, against a scalar,
 * `<op>_cmp_vs(a, s, o, n)` (n a multiple of 16), one byte of 1 or 0 an element. Four lane
 * masks narrowed to sixteen bytes of -1 or 0, then negated. NaN compares as in JavaScript (false,
 * `ne` true), so the TypeScript loops' bytes.
 */
const COMPARE = {
  eq: "f32x4.eq",
  ne: "f32x4.ne",
  lt: "f32x4.lt",
  le: "f32x4.le",
  gt: "f32x4.gt",
  ge: "f32x4.ge",
};

function compare(name, op) {
  const masks = (second) =>
    [0, 16, 32, 48].map((o) => `local.get $a v128.load${at(o)} ${second(o)} ${op}`);
  const body = (second) => {
    const [m0, m1, m2, m3] = masks(second);
    return `local.get $o ${m0} ${m1} i16x8.narrow_i32x4_s ${m2} ${m3} i16x8.narrow_i32x4_s i8x16.narrow_i16x8_s i8x16.neg v128.store`;
  };
  const vv = `(func (export "${name}_cmp_vv") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
  (local $end i32)
  ${endOf("$a", "$n")}
  ${whileBelow("", "local.get $a", "local.get $end", [body((o) => `local.get $b v128.load${at(o)}`), step("$a", 64), step("$b", 64), step("$o", 16)].join("\n"))}
)`;
  const vs = `(func (export "${name}_cmp_vs") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
  (local $end i32) (local $v v128)
  ${endOf("$a", "$n")}
  local.get $s f32x4.splat local.set $v
  ${whileBelow("", "local.get $a", "local.get $end", [body(() => "local.get $v"), step("$a", 64), step("$o", 16)].join("\n"))}
)`;
  return [vv, vs].join("\n");
}

/**
 * `max_f32(a, n)` and `min_f32(a, n)`: the largest (smallest) of n floats (n a multiple of 16,
 * n > 0), four vectors a step into four accumulators that start at the first vector. NaN
 * propagates, and -0 ranks below +0; simd.ts leaves NaN and zero results to the TypeScript loop,
 * whose choice among equal zeros and NaNs (the first) these lanes cannot know.
 */
const extrema = ["max", "min"].map(
  (name) => `(func (export "${name}_f32") (param $a i32) (param $n i32) (result f32)
  (local $end i32) (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
  ${endOf("$a", "$n")}
  local.get $a v128.load local.tee $m0 local.tee $m1 local.tee $m2 local.set $m3
  ${whileBelow(
    "",
    "local.get $a",
    "local.get $end",
    `${[0, 1, 2, 3].map((i) => `local.get $m${i} local.get $a v128.load${at(16 * i)} f32x4.${name} local.set $m${i}`).join("\n")}
    ${step("$a", 64)}`,
  )}
  local.get $m0 local.get $m1 f32x4.${name} local.get $m2 local.get $m3 f32x4.${name} f32x4.${name} local.tee $m0
  f32x4.extract_lane 0 local.get $m0 f32x4.extract_lane 1 f32.${name}
  local.get $m0 f32x4.extract_lane 2 local.get $m0 f32x4.extract_lane 3 f32.${name} f32.${name}
)`,
);

/**
 * C += A·B for a block of packed panels (or C = A·B when $load is 0: the tile's registers start
 * at +0 instead of C's values, so a product's first k block needs no zeroed C, with the same
 * bits): A in 4-row panels (per k: 4 floats), B in 8-column panels (per k: 8 floats), C row-major
 * (row stride $ldc bytes). A 4×8 tile of C lives in eight
 * registers through the k loop: per k, two loads of B, four splats of A, 8 multiplies, 8 adds;
 * with `fma`, 8 `f32x4.relaxed_madd` instead (relaxed SIMD: fused where the machine has fused
 * multiply-add, as x64 with FMA3 and arm64 do, else the same multiply and add).
 */
const tile = [0, 1, 2, 3].flatMap((r) => [0, 1].map((h) => `$c${r}${h}`));
/** The address of row `r` of the tile of C (`$c` plus `r` rows of `$ldc` bytes). */
const tileRow = (r) =>
  `local.get $c${r === 0 ? "" : ` local.get $ldc i32.const ${r} i32.mul i32.add`}`;
/** `c += s·b` for the tile's accumulator `c`. */
const multiplyAdd = (c, b, fma) =>
  fma
    ? `local.get $s local.get ${b} local.get ${c} f32x4.relaxed_madd local.set ${c}`
    : `local.get ${c} local.get $s local.get ${b} f32x4.mul f32x4.add local.set ${c}`;
/** The tile's accumulators set to +0. */
const zeroTile = () => tile.map((t) => `v128.const i32x4 0 0 0 0 local.set ${t}`).join("\n");
/**
 * One k step of a 4-row tile: two vectors of B at `$b`, then for each row of A at `$a` (elements
 * of `width` bytes) a splat (`splat`) and `multiplyAdd(c, b)` into the row's two accumulators;
 * `$a` and `$b` move on.
 */
const tileStep = (splat, width, multiplyAdd) => `local.get $b v128.load local.set $b0
        local.get $b v128.load offset=16 local.set $b1
        ${[0, 1, 2, 3]
          .map(
            (r) => `local.get $a ${splat} offset=${width * r} local.set $s
        ${multiplyAdd(`$c${r}0`, "$b0")}
        ${multiplyAdd(`$c${r}1`, "$b1")}`,
          )
          .join("\n")}
        ${step("$a", 4 * width)}
        ${step("$b", 32)}`;
/**
 * The loops of a product kernel over its 4×… tiles: `$jp` from 0 below `jLimit` (panels of B),
 * `$ip` from 0 below `iLimit` (panels of A) inside, each moved on by `by` after `body`.
 */
const tileLoops = (jLimit, iLimit, by, body) => `i32.const 0 local.set $jp
  ${whileBelow(
    "j",
    "local.get $jp",
    jLimit,
    `i32.const 0 local.set $ip
    ${whileBelow(
      "i",
      "local.get $ip",
      iLimit,
      `${body}
      ${step("$ip", by)}`,
    )}
    ${step("$jp", by)}`,
  )}`;
const gemmFunction = (
  fma,
) => `(func (export "gemm_f32") (param $pa i32) (param $pb i32) (param $pc i32)
  (param $mPanels i32) (param $nPanels i32) (param $kc i32) (param $aStride i32) (param $bStride i32)
  (param $ldc i32) (param $load i32)
  (local $jp i32) (local $ip i32) (local $a i32) (local $b i32) (local $c i32) (local $end i32)
  ${tile.map((t) => `(local ${t} v128)`).join(" ")}
  (local $b0 v128) (local $b1 v128) (local $s v128)
  ${tileLoops(
    "local.get $nPanels",
    "local.get $mPanels",
    1,
    `;; c = pc + ip * 4 * ldc + jp * 32
      local.get $pc local.get $ip local.get $ldc i32.mul i32.const 2 i32.shl i32.add
      local.get $jp i32.const 5 i32.shl i32.add local.set $c
      local.get $load
      if
      ${[0, 1, 2, 3]
        .map(
          (r) => `${tileRow(r)} local.tee $end v128.load local.set $c${r}0
      local.get $end v128.load offset=16 local.set $c${r}1`,
        )
        .join("\n")}
      else
      ${zeroTile()}
      end
      local.get $pa local.get $ip local.get $aStride i32.mul i32.add local.set $a
      local.get $pb local.get $jp local.get $bStride i32.mul i32.add local.set $b
      local.get $a local.get $kc i32.const 4 i32.shl i32.add local.set $end
      ${whileBelow(
        "k",
        "local.get $a",
        "local.get $end",
        tileStep("v128.load32_splat", 4, (c, b) => multiplyAdd(c, b, fma)),
      )}
      ${[0, 1, 2, 3]
        .map(
          (r) => `${tileRow(r)} local.tee $end local.get $c${r}0 v128.store
      local.get $end local.get $c${r}1 v128.store offset=16`,
        )
        .join("\n")}`,
  )}
)`;

/**
 * C += A·B for a block of float64 panels: A in 4-row panels (per k: 4 doubles), B in 4-column
 * panels (per k: 4 doubles), both k-major with $kc steps a panel; C row-major (row stride $ldc
 * bytes). A 4×4 tile lives in eight f64x2 registers, each lane summed from +0 in order of k by a
 * multiply and then an add (never fused), then added to C: the block's sum `s` and `c += s`
 * rounded as gemm.ts's asm.js path rounds them (its kernel's `c = c + a * b`, then its loop adding
 * the block into C), so the same bits.
 */
const gemmF64 = `(func (export "gemm_f64") (param $pa i32) (param $pb i32) (param $pc i32)
  (param $mc i32) (param $nc i32) (param $kc i32) (param $ldc i32)
  (local $jp i32) (local $ip i32) (local $a i32) (local $b i32) (local $c i32) (local $end i32)
  ${tile.map((t) => `(local ${t} v128)`).join(" ")}
  (local $b0 v128) (local $b1 v128) (local $s v128)
  ${tileLoops(
    "local.get $nc",
    "local.get $mc",
    4,
    `${zeroTile()}
      ;; a = pa + ip·kc·8, b = pb + jp·kc·8: panels of 4 rows (columns) by kc
      local.get $pa local.get $ip local.get $kc i32.mul i32.const 3 i32.shl i32.add local.set $a
      local.get $pb local.get $jp local.get $kc i32.mul i32.const 3 i32.shl i32.add local.set $b
      local.get $a local.get $kc i32.const 5 i32.shl i32.add local.set $end
      ${whileBelow(
        "k",
        "local.get $a",
        "local.get $end",
        tileStep(
          "v128.load64_splat",
          8,
          (c, b) => `local.get ${c} local.get $s local.get ${b} f64x2.mul f64x2.add local.set ${c}`,
        ),
      )}
      ;; c = pc + ip·ldc + jp·8 (ip and jp count rows and columns, four at a time)
      local.get $pc local.get $ip local.get $ldc i32.mul i32.add local.get $jp i32.const 3 i32.shl i32.add local.set $c
      ${[0, 1, 2, 3]
        .map(
          (
            r,
          ) => `${tileRow(r)} local.tee $end local.get $end v128.load local.get $c${r}0 f64x2.add v128.store
      local.get $end local.get $end v128.load offset=16 local.get $c${r}1 f64x2.add v128.store offset=16`,
        )
        .join("\n")}`,
  )}
)`;

/**
 * out = A·B for small products (smallGemm.ts's loop): A and B read with any byte strides, out
 * m×n with rows $ldo floats apart (n for a whole product, more for a block of its columns).
 * Each output is a float32 sum over p in ascending order from +0, each product rounded to
 * float32 and then added (a multiply and an add, never fused): the reference BLAS's `sgemm`
 * order, and the bits of the TypeScript loop without its per-access checks. B's first
 * n4 = n - n % 4 columns are first packed row by row at $pk (k×n4 floats), so that four outputs
 * of a row take one vector load of B per p; two rows of A share that load.
 */
/** The scalar loop over p adding A(i, p)·B(p, j) into `$s0` (the last n % 4 columns). */
const productLoop = (label) =>
  whileBelow(
    label,
    "local.get $p",
    "local.get $k",
    `local.get $s0 local.get $ap f32.load local.get $bp f32.load f32.mul f32.add local.set $s0
    local.get $ap local.get $acs i32.add local.set $ap
    local.get $bp local.get $brs i32.add local.set $bp
    ${step("$p", 1)}`,
  );
/** `acc = acc + splat(A value) · (the packed B row)`, four lanes. */
const vectorSum = (acc, a) =>
  `local.get ${acc} local.get ${a} local.get $v f32x4.mul f32x4.add local.set ${acc}`;
/** One p of a row pair (`pair`) or a single row: the packed B row at $pp times A(i, p) (at $ap). */
const vectorStep = (pair) => `local.get $pp v128.load local.set $v
    local.get $ap f32.load f32x4.splat local.set $a0
    ${vectorSum("$c0", "$a0")}
    ${
      pair
        ? `local.get $ap local.get $ars i32.add f32.load f32x4.splat local.set $a1
    ${vectorSum("$c1", "$a1")}`
        : ""
    }
    local.get $ap local.get $acs i32.add local.set $ap
    local.get $pp local.get $n4 i32.const 2 i32.shl i32.add local.set $pp`;
/** The p loop of a row pair (`pair`) or a single row, over the packed B columns j..j+3. */
const vectorLoop = (label, pair) =>
  whileBelow(label, "local.get $p", "local.get $k", `${vectorStep(pair)}\n    ${step("$p", 1)}`);
const zeroSums = (names) => names.map((c) => `v128.const i32x4 0 0 0 0 local.set ${c}`).join(" ");
/** One row's (or, with `pair`, two rows') outputs j < n4, four at a time, from row $i. */
const vectorRows = (label, pair) =>
  `i32.const 0 local.set $j
      ${whileBelow(
        label,
        "local.get $j",
        "local.get $n4",
        `${zeroSums(pair ? ["$c0", "$c1"] : ["$c0"])}
        local.get $a local.get $i local.get $ars i32.mul i32.add local.set $ap
        local.get $pk local.get $j i32.const 2 i32.shl i32.add local.set $pp
        i32.const 0 local.set $p
        ${vectorLoop(`${label}p`, pair)}
        local.get $op local.get $j i32.const 2 i32.shl i32.add local.get $c0 v128.store
        ${pair ? "local.get $op local.get $ldo i32.const 2 i32.shl i32.add local.get $j i32.const 2 i32.shl i32.add local.get $c1 v128.store" : ""}
        ${step("$j", 4)}`,
      )}`;
const smallGemm = `(func (export "small_gemm_f32") (param $a i32) (param $ars i32) (param $acs i32)
  (param $b i32) (param $brs i32) (param $bcs i32) (param $o i32) (param $m i32) (param $n i32) (param $k i32)
  (param $pk i32) (param $ldo i32)
  (local $i i32) (local $j i32) (local $p i32) (local $ap i32) (local $bp i32) (local $op i32)
  (local $pp i32) (local $n4 i32)
  (local $s0 f32) (local $v v128) (local $a0 v128) (local $a1 v128) (local $c0 v128) (local $c1 v128)
  local.get $n i32.const -4 i32.and local.set $n4
  ;; Pack B(p, j) for j < n4 at $pk + 4·(p·n4 + j).
  local.get $pk local.set $pp
  i32.const 0 local.set $p
  ${whileBelow(
    "pack",
    "local.get $p",
    "local.get $k",
    `local.get $b local.get $p local.get $brs i32.mul i32.add local.set $bp
    i32.const 0 local.set $j
    ${whileBelow(
      "packrow",
      "local.get $j",
      "local.get $n4",
      `local.get $pp local.get $bp f32.load f32.store
      local.get $bp local.get $bcs i32.add local.set $bp
      ${step("$pp", 4)}
      ${step("$j", 1)}`,
    )}
    ${step("$p", 1)}`,
  )}
  ;; Outputs j < n4: two rows at a time while there are two, then one.
  i32.const 0 local.set $i
  ${whileBelow(
    "i",
    "local.get $i",
    "local.get $m",
    `local.get $o local.get $i local.get $ldo i32.mul i32.const 2 i32.shl i32.add local.set $op
    local.get $i i32.const 1 i32.add local.get $m i32.lt_u
    if
      ${vectorRows("j2", true)}
      ${step("$i", 2)}
    else
      ${vectorRows("j1", false)}
      ${step("$i", 1)}
    end`,
  )}
  ;; The last n % 4 columns, one sum at a time.
  local.get $n4 local.get $n i32.lt_u
  if
  i32.const 0 local.set $i
  ${whileBelow(
    "t",
    "local.get $i",
    "local.get $m",
    `local.get $o local.get $i local.get $ldo i32.mul local.get $n4 i32.add i32.const 2 i32.shl i32.add local.set $op
    local.get $n4 local.set $j
    ${whileBelow(
      "tj",
      "local.get $j",
      "local.get $n",
      `f32.const 0 local.set $s0
      local.get $a local.get $i local.get $ars i32.mul i32.add local.set $ap
      local.get $b local.get $j local.get $bcs i32.mul i32.add local.set $bp
      i32.const 0 local.set $p
      ${productLoop("tp")}
      local.get $op local.get $s0 f32.store
      ${step("$op", 4)}
      ${step("$j", 1)}`,
    )}
    ${step("$i", 1)}`,
  )}
  end
)`;

/**
 * out = m op row, or row op m (`rowFirst`), for a contiguous rows×cols matrix `m` and a row of
 * `cols` floats, `cols` a multiple of four: each row of the matrix four columns at a time against
 * the same four of the row. One kernel per op and operand order.
 */
const rowsKernel = (
  name,
  op,
  rowFirst,
) => `(func (export "${name}") (param $m i32) (param $v i32) (param $o i32)
  (param $rows i32) (param $cols i32)
  (local $end i32) (local $c i32) (local $rowBytes i32) (local $row v128)
  local.get $cols i32.const 2 i32.shl local.set $rowBytes
  local.get $m local.get $rows local.get $rowBytes i32.mul i32.add local.set $end
  ;; Rows of exactly four columns (a [50, 4] batch): the row stays in a local.
  local.get $cols i32.const 4 i32.eq
  if
    local.get $v v128.load local.set $row
    ${whileBelow(
      "r4",
      "local.get $m",
      "local.get $end",
      `local.get $o
      ${rowFirst ? "local.get $row local.get $m v128.load" : "local.get $m v128.load local.get $row"}
      ${op} v128.store
      ${step("$m", 16)}
      ${step("$o", 16)}`,
    )}
    return
  end
  ${whileBelow(
    "r",
    "local.get $m",
    "local.get $end",
    `i32.const 0 local.set $c
    ${whileBelow(
      "c",
      "local.get $c",
      "local.get $rowBytes",
      `local.get $o local.get $c i32.add
      ${
        rowFirst
          ? "local.get $v local.get $c i32.add v128.load local.get $m local.get $c i32.add v128.load"
          : "local.get $m local.get $c i32.add v128.load local.get $v local.get $c i32.add v128.load"
      }
      ${op} v128.store
      ${step("$c", 16)}`,
    )}
    local.get $m local.get $rowBytes i32.add local.set $m
    local.get $o local.get $rowBytes i32.add local.set $o`,
  )}
)`;
const rowsKernels = Object.entries(BINARY).flatMap(([name, op]) => [
  rowsKernel(`${name}_rows`, op, false),
  rowsKernel(`${name}_rows_first`, op, true),
]);

/**
 * `o = a + s·b` for float32 vectors (`n` a multiple of four), as PyTorch's `add`/`sub` with an
 * alpha (a fused multiply-add): the product of two float32s is exact in float64, their sum with
 * `a` is rounded to float64 and then to float32. That is the fused result but where the float64
 * sum lands exactly on a float32 midpoint (about one element in 2²⁹), as optim's update kernels.
 */
const scaledAdd = `(func (export "scaled_add_f32") (param $a i32) (param $b i32) (param $o i32) (param $s f32) (param $n i32)
  (local $end i32) (local $sd v128) (local $va v128) (local $vb v128)
  local.get $a local.get $n i32.const 2 i32.shl i32.add local.set $end
  local.get $s f64.promote_f32 f64x2.splat local.set $sd
  ${whileBelow(
    "a",
    "local.get $a",
    "local.get $end",
    `local.get $a v128.load local.set $va
      local.get $b v128.load local.set $vb
      local.get $o
      local.get $va f64x2.promote_low_f32x4 local.get $sd local.get $vb f64x2.promote_low_f32x4 f64x2.mul f64x2.add f32x4.demote_f64x2_zero
      local.get $va local.get $va ${HIGH} f64x2.promote_low_f32x4 local.get $sd local.get $vb local.get $vb ${HIGH} f64x2.promote_low_f32x4 f64x2.mul f64x2.add f32x4.demote_f64x2_zero
      ${JOIN}
      v128.store
      local.get $a i32.const 16 i32.add local.set $a
      local.get $b i32.const 16 i32.add local.set $b
      local.get $o i32.const 16 i32.add local.set $o`,
  )}
)`;

/** `i8x16.shuffle` taking float32 lanes `lanes` (0-3 from the first operand, 4-7 the second). */
const lanes = (...ls) =>
  `i8x16.shuffle ${ls.flatMap((l) => [0, 1, 2, 3].map((b) => 4 * l + b)).join(" ")}`;

/** The address of row `r` of the four being interleaved (`$src` plus `r` rows of `$ld` bytes). */
const rowOf = (r) =>
  `local.get $src${r === 0 ? "" : ` local.get $ld${r === 1 ? "" : ` i32.const ${r} i32.mul`} i32.add`}`;

/**
 * Packing for gemm_f32, from a matrix copied as it is into the module's memory: the panels'
 * elements are the matrix's, moved, so the products' bits do not depend on which packer ran.
 *
 * `pack_interleave4_f32(src, ld, dst, step, k)`: four rows starting at byte `src`, `ld` bytes
 * apart, each `k` contiguous float32; writes `[row0[q], row1[q], row2[q], row3[q]]` at byte
 * `dst + q·step` for `q < k`. Four columns at a time: four loads, a 4×4 transpose in eight
 * shuffles, four stores; the last `k mod 4` columns one element at a time. A's 4-row panels from
 * row-major A (step 16), and each half of B's 8-column panels from a transposed B (step 32).
 */
const interleave4 = `(func (export "pack_interleave4_f32") (param $src i32) (param $ld i32) (param $dst i32)
  (param $step i32) (param $k i32)
  (local $end i32) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
  (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
  local.get $src local.get $k i32.const -4 i32.and i32.const 2 i32.shl i32.add local.set $end
  ${whileBelow(
    "q",
    "local.get $src",
    "local.get $end",
    `${[0, 1, 2, 3].map((r) => `${rowOf(r)} v128.load local.set $x${r}`).join("\n")}
    local.get $x0 local.get $x1 ${lanes(0, 4, 1, 5)} local.set $t0
    local.get $x2 local.get $x3 ${lanes(0, 4, 1, 5)} local.set $t1
    local.get $x0 local.get $x1 ${lanes(2, 6, 3, 7)} local.set $t2
    local.get $x2 local.get $x3 ${lanes(2, 6, 3, 7)} local.set $t3
    local.get $dst local.get $t0 local.get $t1 ${lanes(0, 1, 4, 5)} v128.store
    local.get $dst local.get $step i32.add local.get $t0 local.get $t1 ${lanes(2, 3, 6, 7)} v128.store
    local.get $dst local.get $step i32.const 2 i32.mul i32.add local.get $t2 local.get $t3 ${lanes(0, 1, 4, 5)} v128.store
    local.get $dst local.get $step i32.const 3 i32.mul i32.add local.get $t2 local.get $t3 ${lanes(2, 3, 6, 7)} v128.store
    ${step("$src", 16)}
    local.get $dst local.get $step i32.const 2 i32.shl i32.add local.set $dst`,
  )}
  local.get $end local.get $k i32.const 3 i32.and i32.const 2 i32.shl i32.add local.set $end
  ${whileBelow(
    "t",
    "local.get $src",
    "local.get $end",
    `${[0, 1, 2, 3]
      .map((r) => `local.get $dst ${rowOf(r)} f32.load f32.store${at(4 * r)}`)
      .join("\n")}
    ${step("$src", 4)}
    local.get $dst local.get $step i32.add local.set $dst`,
  )}
)`;

/**
 * `pack_segments<w>_f32(src, ld, dst, k)`: for `q < k`, the `w` contiguous float32 at byte
 * `src + q·ld` to byte `dst + q·4w` (w = 4 or 8). B's 8-column panels from row-major B, and A's
 * 4-row panels from a transposed A.
 */
const segments = (
  w,
) => `(func (export "pack_segments${w}_f32") (param $src i32) (param $ld i32) (param $dst i32)
  (param $k i32)
  (local $end i32)
  local.get $dst local.get $k i32.const ${w === 8 ? 5 : 4} i32.shl i32.add local.set $end
  ${whileBelow(
    "q",
    "local.get $dst",
    "local.get $end",
    `local.get $dst local.get $src v128.load v128.store
    ${w === 8 ? "local.get $dst local.get $src v128.load offset=16 v128.store offset=16" : ""}
    local.get $src local.get $ld i32.add local.set $src
    ${step("$dst", 4 * w)}`,
  )}
)`;

/** The packers, in both modules (each packs into its own memory). */
const packers = [interleave4, segments(4), segments(8)];

/**
 * `text` indented by its nesting, two spaces a level (a function's body, and each `block`, `loop`
 * and `if`/`else` arm within it), so that kernels.wat reads whatever the generator's templates
 * left. Whitespace only: the same module.
 */
function indent(text) {
  let depth = 0;
  return text
    .split("\n")
    .map((raw) => {
      const line = raw.trim();
      if (/^(end|else)\b/.test(line) || line === ")") depth = Math.max(0, depth - 1);
      const out = line === "" ? "" : `${"  ".repeat(depth)}${line}`;
      if (/^(block|loop|if|else)\b/.test(line) || line.startsWith("(func")) depth++;
      return out;
    })
    .join("\n");
}

/** The module's text. */
/**
 * `mt_blocks(w, o, count)`: `count` times, the Mersenne Twister's regeneration ("twist") of the 624
 * state words at `w`, in place, then the 624 tempered outputs to `o` (advancing by 2496 bytes a
 * block): the words and draws of src/random/mt19937.ts's `twist` and `nextUint32`, four lanes at
 * a time. Word k is computed from words k and k+1 as they were (k+1 is not yet regenerated when
 * k is, in ascending order) and from word k+397 as it was (k < 227) or k-227 as it is now (k >= 227,
 * regenerated already); four consecutive words read nothing regenerated in the same step, so they
 * go as one vector: words 0-223 and 227-622 as vectors, 224-226 and 623 one by one.
 *
 * With `unit`, the function is `mt_unit_blocks`: each tempered draw d goes out as the float32
 * `(d & 0xffffff) · 2⁻²⁴` (PyTorch's float32 uniform in [0, 1), exact: an integer below 2²⁴
 * times a power of two) instead of as d.
 */
function mtBlocks(unit = false) {
  const UPPER = constants.int(0x80000000);
  const LOWER = constants.int(0x7fffffff);
  const MATRIX = constants.int(0x9908b0df);
  // the new vector at $k from the old vectors at $k and $k + 4 bytes, and the vector `far`
  const vectorWord = (far) => `local.get $k
    local.get $k v128.load offset=4 local.set $nxt
    local.get $k v128.load ${UPPER} v128.and local.get $nxt ${LOWER} v128.and v128.or
    i32.const 1 i32x4.shr_u ${far} v128.xor
    local.get $nxt i32.const 31 i32x4.shl i32.const 31 i32x4.shr_s ${MATRIX} v128.and v128.xor
    v128.store`;
  // the same for one word at byte address `at` + `offset`, with `far` at `farOffset` from `at`
  const scalarWord = (at, offset, nextAt, nextOffset, farOffset) => `${at}
    ${at} i32.load offset=${offset} i32.const 0x80000000 i32.and
    ${nextAt} i32.load offset=${nextOffset} i32.const 0x7fffffff i32.and i32.or
    i32.const 1 i32.shr_u ${at} i32.load offset=${farOffset} i32.xor
    i32.const 0 ${nextAt} i32.load offset=${nextOffset} i32.const 1 i32.and i32.sub
    i32.const 0x9908b0df i32.and i32.xor
    i32.store offset=${offset}`;
  const temper = `local.get $o
    local.get $k v128.load local.tee $y local.get $y i32.const 11 i32x4.shr_u v128.xor local.set $y
    local.get $y local.get $y i32.const 7 i32x4.shl ${constants.int(0x9d2c5680)} v128.and v128.xor local.set $y
    local.get $y local.get $y i32.const 15 i32x4.shl ${constants.int(0xefc60000)} v128.and v128.xor local.tee $y
    local.get $y i32.const 18 i32x4.shr_u v128.xor
    ${unit ? `${constants.int(0xffffff)} v128.and f32x4.convert_i32x4_s ${c(2 ** -24)} f32x4.mul` : ""}
    v128.store`;
  // `body` for each vector from byte `from` to byte `to` of the state, at $k
  const run = (label, from, to, body) => `local.get $w i32.const ${from} i32.add local.set $k
    local.get $w i32.const ${to} i32.add local.set $end
    ${whileBelow(label, "local.get $k", "local.get $end", `${body}\n${step("$k", 16)}`)}`;
  return `(func (export "${unit ? "mt_unit_blocks" : "mt_blocks"}") (param $w i32) (param $o i32) (param $count i32)
  (local $k i32) (local $end i32) (local $nxt v128) (local $y v128)
  ${whileBelow(
    "block",
    "i32.const 0",
    "local.get $count",
    `${run("low", 0, 896, vectorWord("local.get $k v128.load offset=1588"))}
    ${[0, 4, 8].map((d) => scalarWord("local.get $k", d, "local.get $k", d + 4, d + 1588)).join("\n")}
    ${run("high", 908, 2492, vectorWord("local.get $k i32.const 908 i32.sub v128.load"))}
    ${scalarWord("local.get $w", 2492, "local.get $w", 0, 1584)}
    ${run("temper", 0, 2496, `${temper}\n${step("$o", 16)}`)}
    local.get $count i32.const 1 i32.sub local.set $count`,
  )}
)`;
}

// Built here, with the other kernels, so that their constants are in the table before `segment()`.
const mt = [mtBlocks(), mtBlocks(true)].join("\n");
const normal = normalWat(constants, { high: HIGH, join: JOIN });
const normalFused = normalFusedWat(constants);
/** SLEEF's float32 functions on fused multiply-adds, for the relaxed-SIMD modules (sleefWat.mjs). */
const sleefTanh = sleefTanhWat(constants);
const sleefFused = [
  sleefTanh,
  sleefExpWat(constants),
  sleefLogWat(constants),
  sleefSigmoidWat(constants),
  softmaxWat(constants, {
    expSteps: sleefExpSteps,
    expLocals: SLEEF_EXP_LOCALS,
    interleave,
    whileBelow,
  }),
  // softmax's long rows subtract and multiply by a scalar between its kernels
  binary("sub", BINARY.sub),
  binary("mul", BINARY.mul),
];

export function kernelsWat() {
  const funcs = Object.entries({ ...BINARY, ...MIN_MAX }).map(([name, op]) => binary(name, op));
  return indent(`;; Generated by packages/tensor/scripts/build-wasm.mjs from scripts/wasm/kernelsWat.mjs: do not edit.
(module
(memory (export "memory") ${PAGES})
${constants.segment()}
${[...funcs, ...Object.entries(COMPARE).map(([name, op]) => compare(name, op)), ...unaryKernels, ...extrema, whereF32, gemmFunction(false), ...packers, smallGemm, gemmF64, ...rowsKernels, cascadeWat(whileBelow), scaledAdd, mt, normal].join("\n")}
)
`);
}

/**
 * The relaxed-SIMD module's text: its own memory and `gemm_f32` with fused multiply-adds. Kept
 * apart from the kernels module because runtimes without relaxed SIMD (Node 20 unless run with
 * `--experimental-wasm-relaxed-simd`) refuse a whole module that uses it; Node 22 and current
 * browsers accept it.
 */
export function gemmRelaxedWat() {
  return indent(`;; Generated by packages/tensor/scripts/build-wasm.mjs from scripts/wasm/kernelsWat.mjs: do not edit.
(module
(memory (export "memory") ${PAGES})
${constants.segment()}
${[gemmFunction(true), ...packers, normalFused, ...sleefFused].join("\n")}
)
`);
}

/** Pages of the threaded kernels' shared memory at most: 1 GiB, MAX_MEMORY_BYTES in src/kernels/wasm/moduleMemory.ts. */
export const SHARED_MAX_PAGES = 16384;

/**
 * The module threaded kernels run on, over a memory shared with the worker threads, imported as
 * `env.memory`: `gemm_f32` (with fused multiply-adds when `fma`) and the packers, for products
 * whose operands the calling thread packs into that memory and whose rows of C every thread
 * computes in place; and with `fma` SLEEF's `tanh_sleef_f32`, which threads run in place on their
 * spans of a tensor copied there. Nothing is copied between threads. The same functions as the single-threaded modules,
 * so the same bits. The constant table sits where it does in the kernels module (in the first four
 * pages, which products and tensors leave alone); every instantiation writes the same bytes there.
 */
export function gemmSharedWat(fma) {
  return indent(`;; Generated by packages/tensor/scripts/build-wasm.mjs from scripts/wasm/kernelsWat.mjs: do not edit.
(module
(import "env" "memory" (memory ${PAGES} ${SHARED_MAX_PAGES} shared))
${constants.segment()}
${[gemmFunction(fma), ...packers, ...(fma ? [sleefTanh] : [])].join("\n")}
)
`);
}
