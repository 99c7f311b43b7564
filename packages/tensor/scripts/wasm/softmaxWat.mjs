// softmax_stats_f32 and softmax_finish_f32: the WebAssembly twins of src/kernels/softmaxRows.ts
// (PyTorch 1.13's AVX2 softmax and log-softmax over the last dim), the same float32 operations in
// the same order, so the same bits. They are in the relaxed-SIMD module, whose fused multiply-add
// SLEEF's exponential needs. The eight float32 lanes PyTorch sums in are two vectors here,
// lanes 0-3 and 4-7, which is also how the exponential's steps are interleaved.
import { hoistedConstants } from "./hoisted.mjs";

/**
 * The kernels' text over the constant `table`, with `expSteps` (an exponential's steps for one
 * vector: sleefWat.mjs's `sleefExpSteps`, SLEEF's expf as PyTorch's kernel calls it), the v128
 * locals `expLocals` those steps use, `interleave` (two vectors' steps merged) and `whileBelow` (a
 * loop while an unsigned counter is below a limit).
 */
export function softmaxWat(table, { expSteps, expLocals, interleave, whileBelow }) {
  return [stats(table, expSteps, expLocals, interleave, whileBelow), finish(whileBelow)].join("\n");
}

const advance = (p, by) => `local.get ${p} ${by} i32.add local.set ${p}`;

/**
 * `softmax_stats_f32(a, o, rows, cols, stats, t)`: for each of `rows` contiguous rows of `cols`
 * float32 (at least 8) from `a`, the row's maximum m (NaN if any element is NaN) to
 * `stats[2·row]`, and the sum of e = exp(x - m) in PyTorch's order to `stats[2·row + 1]`, each e
 * written to the row's place from `o`. `t`: 32 bytes of scratch (16-byte aligned) for a row's last
 * partial group, whose exponentials are computed a whole group at a time (reading up to seven
 * floats past the row, within the module's memory) and copied out element by element.
 */
function stats(table, expSteps, expLocals, interleave, whileBelow) {
  const hoisted = hoistedConstants(table);
  const get = (v, int = false) => (int ? hoisted.int(v) : hoisted.float(v));
  /** exp(x - m) of the two vectors at $p into $p0, $p1 (interleaved steps). */
  const expGroup = () =>
    interleave(
      [0, 1].map((g) =>
        expSteps(
          get,
          (v) => `$${v}${g}`,
          `local.get $p v128.load${g === 0 ? "" : " offset=16"} local.get $mv f32x4.sub`,
        ),
      ),
    ).join("\n");
  const maxOf = (g) => {
    const off = g === 0 ? "" : " offset=16";
    const m = g === 0 ? "$mA" : "$mB";
    return `local.get $p v128.load${off} local.tee $v local.get ${m} f32x4.pmax local.set ${m}
local.get $v local.get $v f32x4.ne local.get $nan v128.or local.set $nan`;
  };
  const declared = [0, 1]
    .map((g) => expLocals.map((v) => `(local $${v}${g} v128)`).join(" "))
    .join(" ");
  const body = `;; the maximum: lanes by pmax (NaN tracked apart), then f32.max over lanes and the tail
local.get $a v128.load local.set $mA
local.get $a v128.load offset=16 local.set $mB
local.get $mA local.get $mA f32x4.ne local.get $mB local.get $mB f32x4.ne v128.or local.set $nan
local.get $a i32.const 32 i32.add local.set $p
local.get $a local.get $full i32.add local.set $end
${whileBelow("max", "local.get $p", "local.get $end", `${maxOf(0)}\n${maxOf(1)}\n${advance("$p", "i32.const 32")}`)}
local.get $mA local.get $mB f32x4.pmax local.set $mA
local.get $mA f32x4.extract_lane 0 local.get $mA f32x4.extract_lane 1 f32.max
local.get $mA f32x4.extract_lane 2 f32.max local.get $mA f32x4.extract_lane 3 f32.max local.set $m
local.get $end local.get $tail i32.const 2 i32.shl i32.add local.set $rowEnd
${whileBelow("maxTail", "local.get $p", "local.get $rowEnd", `local.get $m local.get $p f32.load f32.max local.set $m\n${advance("$p", "i32.const 4")}`)}
local.get $nan v128.any_true
if
f32.const nan local.set $m
end
;; e = exp(x - m) to o, summed in eight lanes
local.get $m f32x4.splat local.set $mv
v128.const i32x4 0 0 0 0 local.tee $sA local.set $sB
local.get $a local.set $p
local.get $o local.set $q
${whileBelow(
  "exp",
  "local.get $p",
  "local.get $end",
  `${expGroup()}
local.get $q local.get $p0 v128.store
local.get $q local.get $p1 v128.store offset=16
local.get $sA local.get $p0 f32x4.add local.set $sA
local.get $sB local.get $p1 f32x4.add local.set $sB
${advance("$p", "i32.const 32")}
${advance("$q", "i32.const 32")}`,
)}
;; the partial last group: lanes at or past the row's end add +0
local.get $tail
if
${expGroup()}
local.get $sA local.get $p0 local.get $maskA v128.and f32x4.add local.set $sA
local.get $sB local.get $p1 local.get $maskB v128.and f32x4.add local.set $sB
local.get $t local.get $p0 v128.store
local.get $t local.get $p1 v128.store offset=16
i32.const 0 local.set $i
${whileBelow(
  "copy",
  "local.get $i",
  "local.get $tail",
  `local.get $q local.get $i i32.const 2 i32.shl local.tee $j i32.add
local.get $t local.get $j i32.add f32.load f32.store
${advance("$i", "i32.const 1")}`,
)}
end
;; ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))
local.get $stats local.get $m f32.store
local.get $stats
local.get $sA local.get $sB f32x4.add local.tee $v
local.get $v local.get $v i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 f32x4.add local.tee $v
f32x4.extract_lane 0 local.get $v f32x4.extract_lane 1 f32.add
f32.store offset=4
${advance("$a", "local.get $bytes")}
${advance("$o", "local.get $bytes")}
${advance("$stats", "i32.const 8")}
${advance("$row", "i32.const 1")}`;
  return `(func (export "softmax_stats_f32") (param $a i32) (param $o i32) (param $rows i32) (param $cols i32) (param $stats i32) (param $t i32)
  (local $row i32) (local $bytes i32) (local $full i32) (local $tail i32) (local $end i32) (local $rowEnd i32)
  (local $p i32) (local $q i32) (local $i i32) (local $j i32) (local $m f32)
  (local $mA v128) (local $mB v128) (local $nan v128) (local $v v128) (local $mv v128)
  (local $sA v128) (local $sB v128) (local $maskA v128) (local $maskB v128)
  ${declared}
  ${hoisted.declarations()}
  ${hoisted.loads()}
  local.get $cols i32.const 2 i32.shl local.set $bytes
  local.get $cols i32.const -8 i32.and i32.const 2 i32.shl local.set $full
  local.get $cols i32.const 7 i32.and local.set $tail
  v128.const i32x4 0 1 2 3 local.get $tail i32x4.splat i32x4.lt_s local.set $maskA
  v128.const i32x4 4 5 6 7 local.get $tail i32x4.splat i32x4.lt_s local.set $maskB
  ${whileBelow("row", "local.get $row", "local.get $rows", body)}
)`;
}

/**
 * `softmax_finish_f32(a, o, rows, cols, stats, log)`: for each row, with m = `stats[2·row]` and
 * z = `stats[2·row + 1]`: without `log`, `o = o · z` (z being 1 / sum); with it,
 * `o = (a - m) - z` (z being log(sum)). Four lanes at a time, the last cols mod 4 one by one.
 */
function finish(whileBelow) {
  const loop = (label, vector, scalar) => `local.get $p local.get $full i32.add local.set $end
${whileBelow(label, "local.get $p", "local.get $end", `${vector}\n${advance("$p", "i32.const 16")}\n${advance("$q", "i32.const 16")}`)}
local.get $end local.get $tail i32.add local.set $end
${whileBelow(`${label}Tail`, "local.get $p", "local.get $end", `${scalar}\n${advance("$p", "i32.const 4")}\n${advance("$q", "i32.const 4")}`)}`;
  const body = `local.get $stats f32.load local.tee $m f32x4.splat local.set $mv
local.get $stats f32.load offset=4 local.tee $z f32x4.splat local.set $zv
local.get $a local.set $p
local.get $o local.set $q
local.get $log
if
${loop(
  "log",
  "local.get $q local.get $p v128.load local.get $mv f32x4.sub local.get $zv f32x4.sub v128.store",
  "local.get $q local.get $p f32.load local.get $m f32.sub local.get $z f32.sub f32.store",
)}
else
${loop(
  "scale",
  "local.get $q local.get $q v128.load local.get $zv f32x4.mul v128.store",
  "local.get $q local.get $q f32.load local.get $z f32.mul f32.store",
)}
end
${advance("$a", "local.get $bytes")}
${advance("$o", "local.get $bytes")}
${advance("$stats", "i32.const 8")}
${advance("$row", "i32.const 1")}`;
  return `(func (export "softmax_finish_f32") (param $a i32) (param $o i32) (param $rows i32) (param $cols i32) (param $stats i32) (param $log i32)
  (local $row i32) (local $bytes i32) (local $full i32) (local $tail i32) (local $end i32)
  (local $p i32) (local $q i32) (local $m f32) (local $z f32) (local $mv v128) (local $zv v128)
  local.get $cols i32.const 2 i32.shl local.set $bytes
  local.get $cols i32.const -4 i32.and i32.const 2 i32.shl local.set $full
  local.get $cols i32.const 3 i32.and i32.const 2 i32.shl local.set $tail
  ${whileBelow("row", "local.get $row", "local.get $rows", body)}
)`;
}
