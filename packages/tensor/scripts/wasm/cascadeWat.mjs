// cascade_f32: the inner loop of PyTorch 1.13's float32 cascade sum (`multi_row_sum` in
// aten/src/ATen/native/cpu/SumKernel.cpp, AVX2), the twin of src/kernels/cascadeSum.ts's
// `multiRowSum` for four columns of eight lanes: the same float32 additions in the same order, so
// the same bits. An eight-lane vector is two v128s here, lanes 0-3 and 4-7.

const LANES = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * `cascade_f32(a, rowStride, colStride, rows, state, i, carryUntil, power)`: adds `rows` rows
 * into the four levels of accumulators at `state` (4 × 32 floats, level 0 first), row r being
 * four vectors of eight floats at `a + r·rowStride + k·colStride` (bytes, k < 4). `i` counts the
 * rows added before this call; after each row, while `i ≤ carryUntil` and `i` is a multiple of
 * 2^power, level 0 is added into level 1 and cleared, and so on up while `i` is a multiple of
 * 2^(2·power), 2^(3·power), as PyTorch carries.
 */
export function cascadeWat(whileBelow) {
  return [cascadeRows(whileBelow), cascadeFour(whileBelow)].join("\n");
}

function cascadeRows(whileBelow) {
  const s = (m) => `$s${m}`;
  const load = (k, half) => `local.get $p${k} v128.load${half === 0 ? "" : " offset=16"}`;
  const addRow = LANES.map(
    (m) => `local.get ${s(m)} ${load(m >> 1, m & 1)} f32x4.add local.set ${s(m)}`,
  ).join("\n");
  const levelAt = (level, m) => 128 * level + 16 * m;
  const carryFrom0 = LANES.map(
    (m) =>
      `local.get $state local.get $state v128.load offset=${levelAt(1, m)} local.get ${s(m)} f32x4.add v128.store offset=${levelAt(1, m)}
      v128.const i32x4 0 0 0 0 local.set ${s(m)}`,
  ).join("\n");
  const carry = (level) =>
    LANES.map(
      (m) =>
        `local.get $state local.get $state v128.load offset=${levelAt(level + 1, m)} local.get $state v128.load offset=${levelAt(level, m)} f32x4.add v128.store offset=${levelAt(level + 1, m)}
      local.get $state v128.const i32x4 0 0 0 0 v128.store offset=${levelAt(level, m)}`,
    ).join("\n");
  const multipleOf = (shift) =>
    `local.get $i local.get $mask local.get $power i32.const ${shift} i32.mul i32.shl i32.and i32.eqz`;
  return `(func (export "cascade_f32") (param $a i32) (param $rowStride i32) (param $colStride i32)
  (param $rows i32) (param $state i32) (param $i i32) (param $carryUntil i32) (param $power i32)
  (local $end i32) (local $mask i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
  ${LANES.map((m) => `(local ${s(m)} v128)`).join(" ")}
  ${LANES.map((m) => `local.get $state v128.load offset=${levelAt(0, m)} local.set ${s(m)}`).join("\n")}
  i32.const 1 local.get $power i32.shl i32.const 1 i32.sub local.set $mask
  local.get $i local.get $rows i32.add local.set $end
  local.get $a local.set $p0
  ${whileBelow(
    "row",
    "local.get $i",
    "local.get $end",
    `local.get $p0 local.get $colStride i32.add local.tee $p1
    local.get $colStride i32.add local.tee $p2
    local.get $colStride i32.add local.set $p3
    ${addRow}
    local.get $p0 local.get $rowStride i32.add local.set $p0
    local.get $i i32.const 1 i32.add local.set $i
    local.get $i local.get $carryUntil i32.le_u
    ${multipleOf(0)} i32.and
    if
      ${carryFrom0}
      ${multipleOf(1)}
      if
        ${carry(1)}
        ${multipleOf(2)}
        if
          ${carry(2)}
        end
      end
    end`,
  )}
  ${LANES.map((m) => `local.get $state ${s(m)} v128.store offset=${levelAt(0, m)}`.replace(` ${s(m)} v128`, ` local.get ${s(m)} v128`)).join("\n")}
)`;
}

/**
 * `cascade4_f32(a, rowStride, rows, carryUntil, power, out)`: the whole `multi_row_sum` of four
 * single-float columns (PyTorch's scalar outer sum, four columns at once), the columns being the
 * four lanes of a vector: `rows` rows of four floats `rowStride` bytes apart from `a`, the four
 * levels in locals, carried as in `cascade_f32`; the four sums (((l0 + l1) + l2) + l3) to `out`.
 */
function cascadeFour(whileBelow) {
  const multipleOf = (shift) =>
    `local.get $i local.get $mask local.get $power i32.const ${shift} i32.mul i32.shl i32.and i32.eqz`;
  const carry = (from, to) =>
    `local.get $s${to} local.get $s${from} f32x4.add local.set $s${to} v128.const i32x4 0 0 0 0 local.set $s${from}`;
  const carries = `${carry(0, 1)}
      ${multipleOf(1)}
      if
        ${carry(1, 2)}
        ${multipleOf(2)}
        if
          ${carry(2, 3)}
        end
      end`;
  const addRow = `local.get $s0 local.get $a v128.load f32x4.add local.set $s0
    local.get $a local.get $rowStride i32.add local.set $a`;
  // Carries fall on multiples of 2^power (at least 16): blocks of 16 rows run without a check.
  return `(func (export "cascade4_f32") (param $a i32) (param $rowStride i32) (param $rows i32)
  (param $carryUntil i32) (param $power i32) (param $out i32)
  (local $i i32) (local $mask i32) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
  i32.const 1 local.get $power i32.shl i32.const 1 i32.sub local.set $mask
  ${whileBelow(
    "block",
    "local.get $i i32.const 16 i32.add",
    "local.get $rows i32.const 1 i32.add",
    `${Array.from({ length: 16 }, () => addRow).join("\n")}
    local.get $i i32.const 16 i32.add local.set $i
    local.get $i local.get $carryUntil i32.le_u
    ${multipleOf(0)} i32.and
    if
      ${carries}
    end`,
  )}
  ${whileBelow(
    "row",
    "local.get $i",
    "local.get $rows",
    `${addRow}
    local.get $i i32.const 1 i32.add local.set $i`,
  )}
  local.get $out
  local.get $s0 local.get $s1 f32x4.add local.get $s2 f32x4.add local.get $s3 f32x4.add
  v128.store
)`;
}
