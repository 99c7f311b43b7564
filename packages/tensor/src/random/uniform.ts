import { fillUint32, fillUnitFloat32 } from "./fillUint32.js";
import { fma32, fma64 } from "./fma.js";
import type { Generator } from "./generator.js";
import { nextUint32 } from "./mt19937.js";

/** 2^-24, the spacing of float32 uniforms. */
const TWO_POW_M24 = 1 / 16777216;
/** 2^-53, the spacing of float64 uniforms. */
const TWO_POW_M53 = 1 / 9007199254740992;
const TWO_POW_32 = 4294967296;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * One float32 uniform in [0, 1), as `at::uniform_real_distribution<float>(0, 1)`: the low 24 bits
 * of one 32-bit draw, times 2^-24.
 */
export function uniformFloat32(gen: Generator): number {
  return (nextUint32(gen.mt) & 0xffffff) * TWO_POW_M24;
}

/**
 * One float64 uniform in [0, 1), as `at::uniform_real_distribution<double>(0, 1)`: the low 53
 * bits of one 64-bit draw (two 32-bit draws, the first the high word), times 2^-53.
 */
export function uniformFloat64(gen: Generator): number {
  const hi = nextUint32(gen.mt) & 0x1fffff;
  const lo = nextUint32(gen.mt);
  return (hi * TWO_POW_32 + lo) * TWO_POW_M53;
}

/**
 * Checks `uniform_`'s bounds as PyTorch does and clamps them to the dtype's finite range.
 *
 * @throws RangeError with PyTorch's message when a bound is out of range or `from > to`.
 */
function checkBounds(from: number, to: number, max: number, dtype: string): [number, number] {
  if (!(from >= -max && from <= max)) throw new RangeError(`from is out of bounds for ${dtype}`);
  if (!(to >= -max && to <= max)) throw new RangeError(`to is out of bounds for ${dtype}`);
  if (from > to) {
    throw new RangeError(
      `uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`,
    );
  }
  if (to - from > max) {
    throw new RangeError(
      `uniform_ expects to-from <= std::numeric_limits<${dtype}>::max(), but found to=${to} and ` +
        `from=${from} which result in to-from to exceed the limit`,
    );
  }
  return [from, to];
}

/**
 * Fills `out` with uniform samples in [from, to), bit for bit as PyTorch 1.13's CPU `uniform_`
 * (and so `torch.rand`, which is `uniform_(0, 1)`), consuming one 32-bit draw per float32 element
 * and two per float64 element, in order.
 *
 * Each value is `fma(x, to - from, from)` in the dtype, with `x` from {@link uniformFloat32} or
 * {@link uniformFloat64} and the bounds first rounded to the dtype, as PyTorch's FMA-compiled
 * kernel computes it.
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in order (any layout: the kernel is elementwise).
 * @param from the lower bound, default 0.
 * @param to the upper bound, default 1.
 * @throws RangeError when the bounds are out of the dtype's range or `from > to`.
 * @example
 * ```ts
 * const out = new Float32Array(2);
 * fillUniform(new Generator().manualSeed(42), out);
 * // out: [0.8822692632675171, 0.9150039553642273], as torch.rand(2) after manual_seed(42)
 * ```
 */
export function fillUniform(
  gen: Generator,
  out: Float32Array | Float64Array,
  from = 0,
  to = 1,
): Float32Array | Float64Array {
  const n = out.length;
  if (out instanceof Float32Array) {
    checkBounds(from, to, FLOAT32_MAX, "float");
    const lo = Math.fround(from);
    const range = Math.fround(Math.fround(to) - lo);
    // the uniforms in [0, 1), then (for other bounds) x·range + lo with one rounding
    fillUnitFloat32(gen, out);
    if (lo !== 0 || range !== 1) {
      for (let j = 0; j < n; j++) out[j] = fma32(out[j]!, range, lo);
    }
  } else {
    checkBounds(from, to, Number.MAX_VALUE, "double");
    const range = to - from;
    const unit = from === 0 && range === 1;
    for (let at = 0; at < n; at += DRAW_BLOCK / 2) {
      const len = Math.min(DRAW_BLOCK / 2, n - at);
      const d = draws(gen, 2 * len);
      for (let j = 0; j < len; j++) {
        const x = ((d[2 * j]! & 0x1fffff) * TWO_POW_32 + d[2 * j + 1]!) * TWO_POW_M53;
        out[at + j] = unit ? x : fma64(x, range, from);
      }
    }
  }
  return out;
}

/** Draws taken from the generator at a time by {@link fillUniform} (64 KiB). */
const DRAW_BLOCK = 16384;
let drawBuffer: Uint32Array | null = null;

/**
 * The next `count` (at most {@link DRAW_BLOCK}) 32-bit draws of `gen`, in a buffer reused between
 * calls: {@link fillUint32} makes whole blocks of them far faster than one call per draw.
 */
function draws(gen: Generator, count: number): Uint32Array {
  drawBuffer ??= new Uint32Array(DRAW_BLOCK);
  return fillUint32(gen, count === DRAW_BLOCK ? drawBuffer : drawBuffer.subarray(0, count));
}
