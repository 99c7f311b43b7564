// The WebAssembly text of the SIMD kernels (written out to src/kernels/wasm/kernels.wat by
// build-wasm.mjs, which assembles it). Every kernel works on float32 arrays in the module's
// memory, four lanes at a time; the caller (src/kernels/wasm/simd.ts) rounds lengths up to a
// multiple of the vector width (8 for sum_f32, zero-padded) and copies data in and out in chunks.
// tanh_f32 is the lane-wise twin of src/kernels/tanhf.ts: same constants, same operations in the
// same order, so the two agree bit for bit.
import {
  EXP_P,
  LN2_HI,
  LN2_LO,
  LOG2E,
  ROUND_MAGIC,
  TANH_CLAMP,
  TANH_Q,
  TANH_SMALL,
} from "./tanhConstants.mjs";

/** 64 KiB pages of the module's memory: three 64 KiB chunks (a, b, out) and room to spare. */
export const PAGES = 4;

const BINARY = { add: "f32x4.add", sub: "f32x4.sub", mul: "f32x4.mul", div: "f32x4.div" };

const step = (p, by) => `local.get ${p} i32.const ${by} i32.add local.set ${p}`;
const splat = (v) => `v128.const f32x4 ${v} ${v} ${v} ${v}`;
const endOf = (p, n) => `local.get ${p} local.get ${n} i32.const 2 i32.shl i32.add local.set $end`;

/** A loop over 4-lane vectors from $a to $end; `body` leaves nothing on the stack. */
function vectorLoop(body, pointers) {
  return `block $done
    loop $next
      local.get $a local.get $end i32.ge_u br_if $done
      ${body}
      ${pointers.map((p) => step(p, 16)).join("\n      ")}
      br $next
    end
  end`;
}

function binary(name, op) {
  const vv = `(func (export "${name}_vv") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
  (local $end i32)
  ${endOf("$a", "$n")}
  ${vectorLoop(`local.get $o local.get $a v128.load local.get $b v128.load ${op} v128.store`, ["$a", "$b", "$o"])}
)`;
  const vs = `(func (export "${name}_vs") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
  (local $end i32) (local $v v128)
  ${endOf("$a", "$n")}
  local.get $s f32x4.splat local.set $v
  ${vectorLoop(`local.get $o local.get $a v128.load local.get $v ${op} v128.store`, ["$a", "$o"])}
)`;
  const sv = `(func (export "${name}_sv") (param $s f32) (param $a i32) (param $o i32) (param $n i32)
  (local $end i32) (local $v v128)
  ${endOf("$a", "$n")}
  local.get $s f32x4.splat local.set $v
  ${vectorLoop(`local.get $o local.get $v local.get $a v128.load ${op} v128.store`, ["$a", "$o"])}
)`;
  return [vv, vs, sv].join("\n");
}

function horner(coefficients, variable) {
  const [first, ...rest] = coefficients;
  return [
    splat(first),
    ...rest.map((c) => `local.get ${variable} f32x4.mul ${splat(c)} f32x4.add`),
  ].join("\n      ");
}

const tanh = `(func (export "tanh_f32") (param $a i32) (param $o i32) (param $n i32)
  (local $end i32) (local $x v128) (local $ax v128) (local $s v128) (local $small v128)
  (local $y v128) (local $k v128) (local $r v128) (local $t v128)
  ${endOf("$a", "$n")}
  ${vectorLoop(
    `local.get $a v128.load local.tee $x f32x4.abs local.set $ax
      ;; |x| < ${TANH_SMALL}: |x| + |x| * (s * Q(s)), s = x * x
      local.get $x local.get $x f32x4.mul local.set $s
      ${horner([...TANH_Q].reverse(), "$s")}
      local.get $s f32x4.mul local.get $ax f32x4.mul local.get $ax f32x4.add local.set $small
      ;; otherwise 1 - 2 / (1 + e^y), y = 2 * min(|x|, ${TANH_CLAMP}); then the sign of x on both
      local.get $ax ${splat(TANH_CLAMP)} f32x4.min ${splat(2)} f32x4.mul local.set $y
      local.get $y ${splat(LOG2E)} f32x4.mul ${splat(ROUND_MAGIC)} f32x4.add ${splat(ROUND_MAGIC)} f32x4.sub local.set $k
      local.get $y local.get $k ${splat(LN2_HI)} f32x4.mul f32x4.sub local.get $k ${splat(LN2_LO)} f32x4.mul f32x4.sub local.set $r
      ${horner(EXP_P, "$r")}
      ;; times 2^k: (k + 127) << 23 is the float 2^k
      local.get $k i32x4.trunc_sat_f32x4_s v128.const i32x4 127 127 127 127 i32x4.add i32.const 23 i32x4.shl f32x4.mul
      ${splat(1)} f32x4.add local.set $t
      ${splat(2)} local.get $t f32x4.div local.set $t
      ${splat(1)} local.get $t f32x4.sub local.set $t
      local.get $o
      local.get $x
      local.get $small local.get $t local.get $ax ${splat(TANH_SMALL)} f32x4.lt v128.bitselect
      v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000
      v128.bitselect
      v128.store`,
    ["$a", "$o"],
  )}
)`;

/** Σ a[i] over n floats (n a multiple of 8), in float64: four 2-lane accumulators. */
const sum = `(func (export "sum_f32") (param $a i32) (param $n i32) (result f64)
  (local $end i32) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
  ${endOf("$a", "$n")}
  block $done
    loop $next
      local.get $a local.get $end i32.ge_u br_if $done
      local.get $s0 local.get $a v128.load64_zero f64x2.promote_low_f32x4 f64x2.add local.set $s0
      local.get $s1 local.get $a v128.load64_zero offset=8 f64x2.promote_low_f32x4 f64x2.add local.set $s1
      local.get $s2 local.get $a v128.load64_zero offset=16 f64x2.promote_low_f32x4 f64x2.add local.set $s2
      local.get $s3 local.get $a v128.load64_zero offset=24 f64x2.promote_low_f32x4 f64x2.add local.set $s3
      ${step("$a", 32)}
      br $next
    end
  end
  local.get $s0 local.get $s1 f64x2.add local.get $s2 local.get $s3 f64x2.add f64x2.add local.tee $s0
  f64x2.extract_lane 0 local.get $s0 f64x2.extract_lane 1 f64.add
)`;

/**
 * C += A·B for a block of packed panels: A in 4-row panels (per k: 4 floats), B in 8-column
 * panels (per k: 8 floats), C row-major (row stride $ldc bytes). A 4×8 tile of C lives in eight
 * registers through the k loop: per k, two loads of B, four splats of A, 8 multiplies, 8 adds.
 */
const tile = [0, 1, 2, 3].flatMap((r) => [0, 1].map((h) => `$c${r}${h}`));
const gemm = `(func (export "gemm_f32") (param $pa i32) (param $pb i32) (param $pc i32)
  (param $mPanels i32) (param $nPanels i32) (param $kc i32) (param $aStride i32) (param $bStride i32)
  (param $ldc i32)
  (local $jp i32) (local $ip i32) (local $a i32) (local $b i32) (local $c i32) (local $end i32)
  ${tile.map((t) => `(local ${t} v128)`).join(" ")}
  (local $b0 v128) (local $b1 v128) (local $s v128)
  i32.const 0 local.set $jp
  block $jdone
    loop $jnext
      local.get $jp local.get $nPanels i32.ge_u br_if $jdone
      i32.const 0 local.set $ip
      block $idone
        loop $inext
          local.get $ip local.get $mPanels i32.ge_u br_if $idone
          ;; c = pc + ip * 4 * ldc + jp * 32
          local.get $pc local.get $ip local.get $ldc i32.mul i32.const 2 i32.shl i32.add
          local.get $jp i32.const 5 i32.shl i32.add local.set $c
          ${[0, 1, 2, 3]
            .map(
              (r) =>
                `local.get $c ${r === 0 ? "" : `local.get $ldc i32.const ${r} i32.mul i32.add `}local.tee $end v128.load local.set $c${r}0
          local.get $end v128.load offset=16 local.set $c${r}1`,
            )
            .join("\n          ")}
          local.get $pa local.get $ip local.get $aStride i32.mul i32.add local.set $a
          local.get $pb local.get $jp local.get $bStride i32.mul i32.add local.set $b
          local.get $a local.get $kc i32.const 4 i32.shl i32.add local.set $end
          block $kdone
            loop $knext
              local.get $a local.get $end i32.ge_u br_if $kdone
              local.get $b v128.load local.set $b0
              local.get $b v128.load offset=16 local.set $b1
              ${[0, 1, 2, 3]
                .map(
                  (r) => `local.get $a v128.load32_splat offset=${4 * r} local.set $s
              local.get $c${r}0 local.get $s local.get $b0 f32x4.mul f32x4.add local.set $c${r}0
              local.get $c${r}1 local.get $s local.get $b1 f32x4.mul f32x4.add local.set $c${r}1`,
                )
                .join("\n              ")}
              ${step("$a", 16)}
              ${step("$b", 32)}
              br $knext
            end
          end
          ${[0, 1, 2, 3]
            .map(
              (r) =>
                `local.get $c ${r === 0 ? "" : `local.get $ldc i32.const ${r} i32.mul i32.add `}local.tee $end local.get $c${r}0 v128.store
          local.get $end local.get $c${r}1 v128.store offset=16`,
            )
            .join("\n          ")}
          ${step("$ip", 1)}
          br $inext
        end
      end
      ${step("$jp", 1)}
      br $jnext
    end
  end
)`;

/** The module's text. */
export function kernelsWat() {
  const funcs = Object.entries(BINARY).map(([name, op]) => binary(name, op));
  return `;; Generated by packages/tensor/scripts/build-wasm.mjs from scripts/wasm/kernelsWat.mjs: do not edit.
(module
(memory (export "memory") ${PAGES})
${[...funcs, tanh, sum, gemm].join("\n")}
)
`;
}
