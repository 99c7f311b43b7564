// The constants of SLEEF 3.5's float32 tanh (`xtanhf` and its `expk2f`), exp (`xexpf`) and log
// (`xlogf_u1`), as PyTorch 1.13's AVX2 build of SLEEF has them: each the float32 nearest to the
// literal in SLEEF's source (src/libm/sleefsimdsp.c, src/common/misc.h), written here as the
// double nearest to that literal. Shared by the relaxed-SIMD kernels (sleefWat.mjs) and the
// TypeScript twins (src/kernels/tanhf.ts, expf.ts, logf.ts, through the generated
// src/kernels/wasm/sleefConstants.ts).
const f = Math.fround;

/** 1/ln 2 (`R_LN2f`). */
export const R_LN2 = f(Math.LOG2E);
/** The head of ln 2 (`L2Uf`), with trailing zero bits so that q·L2U is exact. */
export const L2U = 0.693145751953125;
/** ln 2 - L2U (`L2Lf`). */
export const L2L = f(1.428606765330187e-6);

/** `expk2f`'s polynomial in s, highest degree first (the float32 literals of SLEEF's source). */
export const TANH_E4 = f(0.0001980960224);
export const TANH_E3 = f(0.001394256484);
export const TANH_E2 = f(0.008333456703);
export const TANH_E1 = f(0.04166637361);
export const TANH_E0 = f(0.16666665941423425);
/** Floats tanh_sleef_f32 takes a block (each of its passes runs over one block before the next). */
export const TANH_BLOCK = 256;
/** Bytes of scratch tanh_sleef_f32 needs: five arrays of a block's float32s (see sleefWat.mjs). */
export const TANH_SCRATCH_BYTES = 5 * 4 * TANH_BLOCK;
/** Beyond this |x| SLEEF's tanh is ±1. */
export const TANH_CUTOFF = f(8.664339742);

/** `xexpf`'s polynomial in s, highest degree first (then 0.5, 1 and 1). */
export const EXP_C5 = f(0.00019852761761285365);
export const EXP_C4 = f(0.0013930435525253415);
export const EXP_C3 = f(0.008333360776305199);
export const EXP_C2 = f(0.041666485369205475);
export const EXP_C1 = f(0.1666666716337204);

/** `xlogf_u1`'s ln 2 as a double-float: head and tail. */
export const LOG_LN2_HI = f(0.6931471824645996);
export const LOG_LN2_LO = f(-1.904654323148236e-9);
/** `xlogf_u1`'s polynomial in x², highest degree first. */
export const LOG_P2 = f(0.3027294874);
export const LOG_P1 = f(0.3996108174);
export const LOG_P0 = f(0.666669488);
/** 1/0.75 in float32: the exponent is read from x·4/3, so that the mantissa lands in [0.75, 1.5). */
export const LOG_FOUR_THIRDS = f(1 / 0.75);
