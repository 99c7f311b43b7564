// The constants of Kindling's own float32 exponential, for sigmoid (the SIMD kernels module's
// sigmoid_f32), shared by the WebAssembly kernel (kernelsWat.mjs) and the TypeScript twin
// (src/kernels/expf.ts, through the generated src/kernels/wasm/tanhConstants.ts, named for the tanh
// they first served). Every value is exactly representable in float32.
const f = Math.fround;

/** log2(e). */
export const LOG2E = f(Math.LOG2E);
/** High part of ln 2 with trailing zero bits, so k·LN2_HI is exact (bits 0x3f317200). */
export const LN2_HI = 0.693145751953125;
/** ln 2 - LN2_HI (bits 0x35bfbe8e). */
export const LN2_LO = f(1.428606765330187e-6);
/** 1.5·2²³: adding then subtracting it rounds a float32 to an integer, ties to even. */
export const ROUND_MAGIC = 12582912;
/** The degree-7 Taylor polynomial of e^r, highest coefficient first (Horner's order). */
export const EXP_P = [f(1 / 5040), f(1 / 720), f(1 / 120), f(1 / 24), f(1 / 6), 0.5, 1, 1];
/**
 * The float32 exponential's input range (`expf` in src/kernels/expf.ts and `exp_f32`): below
 * -104 the result rounds to 0, above 89 to +Infinity, and the input is clamped to it first so
 * that 2^k stays within reach of two normal powers of two.
 */
export const EXP_MIN = -104;
export const EXP_MAX = 89;
