/**
 * Fused multiply-add, `a * b + c` with a single rounding, in float64 and float32.
 *
 * PyTorch's CPU kernels are compiled with FMA enabled, so expressions such as
 * `x * (to - from) + from` in `uniform_` are contracted to one `fma` instruction; matching them
 * bit for bit needs the same single rounding. JavaScript has no `Math.fma`, so both are built from
 * exact error-free transformations.
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the low 32-bit half of a float64 in {@link U32} (platform endianness). */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;
/** Veltkamp's splitting constant 2^27 + 1. */
const SPLIT = 134217729;

/**
 * `a * b + c` rounded once to the nearest float64 (ties to even), for finite operands whose
 * product neither overflows nor underflows (Boldo and Melquiond's emulation: an exact product
 * and sum, then the low parts added with rounding to odd).
 */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  if (!Number.isFinite(s) || p === 0 || c === 0) return s;
  // Exact product: p + pl = a * b (Dekker's product with Veltkamp's split).
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - p + ah * bl + al * bh + al * bl;
  // Exact sum: s + sl = p + c (Knuth's TwoSum).
  const sp = s - p;
  const sl = p - (s - sp) + (c - sp);
  // v = sl + pl rounded to odd.
  let v = sl + pl;
  const vp = v - sl;
  const ve = sl - (v - vp) + (pl - vp);
  if (ve !== 0) {
    F64[0] = v;
    if ((U32[LOW]! & 1) === 0) {
      // An even significand with a nonzero error: step one ulp towards the exact value.
      if (v > 0 === ve > 0) {
        U32[LOW] = U32[LOW]! + 1;
      } else if (U32[LOW] === 0) {
        U32[LOW] = 0xffffffff;
        U32[HIGH] = U32[HIGH]! - 1;
      } else {
        U32[LOW] = U32[LOW]! - 1;
      }
      v = F64[0];
    }
  }
  return s + v;
}

/**
 * `a * b + c` rounded once to the nearest float32 (ties to even), for float32 operands. The
 * product is exact in float64, so only the sum can round twice; a float64 sum that lands exactly
 * on a float32 midpoint is resolved with the sign of its rounding error.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const other = 2 * s - r;
  if (Math.fround(other) !== other) return r;
  // s is a float32 midpoint: the exact sum decides between r and its neighbour.
  const sp = s - p;
  const err = p - (s - sp) + (c - sp);
  if (err === 0) return r;
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}
