// The constants of the float32 tanh and exp, shared by the WebAssembly kernels (kernelsWat.mjs) and the
// TypeScript one (src/kernels/tanhf.ts, through the generated src/kernels/wasm/tanhConstants.ts).
// Every value is exactly representable in float32. How they were found: see tanhf.ts.
const f = Math.fround;

/** Q(s) ≈ (tanh(x) - x) / x³, s = x², constant term first (degree-4 least squares on |x| < 0.55). */
export const TANH_Q = [
  f(-0.33333316445350647),
  f(0.13332580029964447),
  f(-0.05385185405611992),
  f(0.021070195361971855),
  f(-0.006272520404309034),
];
/**
 * Below this |x| the polynomial, above it the exponential form. Not 0.55, where Q's fit ends: just
 * above 0.55, 1 - 2 / (1 + e^y) loses a bit to cancellation (0.5535 and 0.5550 came out 2 ulp
 * off), while the polynomial stays within 1 ulp to 0.57; 9/16 puts every float32 within 1 ulp.
 */
export const TANH_SMALL = 0.5625;
/** |x| is clamped to this before the exponential (beyond it the float32 tanh is ±1). */
export const TANH_CLAMP = 10;
/** log2(e). */
export const LOG2E = f(Math.LOG2E);
/** High part of ln 2 with trailing zero bits, so k·LN2_HI is exact (bits 0x3f317200). */
export const LN2_HI = 0.693145751953125;
/** ln 2 - LN2_HI (bits 0x35bfbe8e). */
export const LN2_LO = f(1.428606765330187e-6);
/** 1.5·2²³: adding then subtracting it rounds a float32 to an integer, ties to even. */
export const ROUND_MAGIC = 12582912;
/**
 * Elements tanh_f32 takes a loop step (two vectors, interleaved: see kernelsWat.mjs); the lengths
 * callers pass it are multiples of this.
 */
export const TANH_STEP = 8;
/** Floats tanh_f32 takes a block (each of its passes runs over one block before the next pass). */
export const TANH_BLOCK = 256;
/** Bytes of scratch tanh_f32 needs (three blocks of float32: see kernelsWat.mjs). */
export const TANH_SCRATCH_BYTES = 3 * 4 * TANH_BLOCK;
/** The degree-7 Taylor polynomial of e^r, highest coefficient first (Horner's order). */
export const EXP_P = [f(1 / 5040), f(1 / 720), f(1 / 120), f(1 / 24), f(1 / 6), 0.5, 1, 1];
/**
 * The float32 exponential's input range (`expf` in src/kernels/expf.ts and `exp_f32`): below
 * -104 the result rounds to 0, above 89 to +Infinity, and the input is clamped to it first so
 * that 2^k stays within reach of two normal powers of two.
 */
export const EXP_MIN = -104;
export const EXP_MAX = 89;
/** `2/(2i + 1)` for i = 1..5: the coefficients in s² of float32 log's R (src/kernels/logf.ts). */
export const LOG_R = [2 / 3, 2 / 5, 2 / 7, 2 / 9, 2 / 11].map(f);
/** Bits of √½ rounded to float32: log's mantissas from here up go with the next power of two. */
export const SQRT_HALF_BITS = 0x3f3504f3;
