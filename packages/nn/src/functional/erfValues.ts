/*
 * The error function in float64, after FDLIBM's s_erf.c:
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Developed at SunPro, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved.
 */

const ERX = 0.8450629115104675;
const EFX = 0.1283791670955126;
const PP = [
  0.12837916709551256, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442,
  -0.000023763016656650163,
];
const QQ = [
  1, 0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164,
  -0.000003960228278775368,
];
const PA = [
  -0.0023621185607526594, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175,
  -0.11089469428239668, 0.035478304325618236, -0.002166375594868791,
];
const QA = [
  1, 0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164,
  0.01363708391202905, 0.011984499846799107,
];
const RA = [
  -0.009864944034847148, -0.6938585727071818, -10.558626225323291, -62.375332450326006,
  -162.39666946257347, -184.60509290671104, -81.2874355063066, -9.814329344169145,
];
const SA = [
  1, 19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679,
  429.00814002756783, 108.63500554177944, 6.570249770319282, -0.0604244152148581,
];
const RB = [
  -0.0098649429247001, -0.799283237680523, -17.757954917754752, -160.63638485582192,
  -637.5664433683896, -1025.0951316110772, -483.5191916086514,
];
const SB = [
  1, 30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955,
  2553.0504064331644, 474.52854120695537, -22.44095244658582,
];

/**
 * Horner evaluation of `c[0] + c[1] z + ... + c[k] z^k`, written out for each number of
 * coefficients (5 to 9; a loop over them costs several times as much in V8): the operations, in
 * order, of the loop `r = r * z + c[i]` from `r = 0`, for finite z.
 */
function horner5(c: readonly number[], z: number): number {
  return (((c[4]! * z + c[3]!) * z + c[2]!) * z + c[1]!) * z + c[0]!;
}
function horner6(c: readonly number[], z: number): number {
  return ((((c[5]! * z + c[4]!) * z + c[3]!) * z + c[2]!) * z + c[1]!) * z + c[0]!;
}
function horner7(c: readonly number[], z: number): number {
  return (((((c[6]! * z + c[5]!) * z + c[4]!) * z + c[3]!) * z + c[2]!) * z + c[1]!) * z + c[0]!;
}
function horner8(c: readonly number[], z: number): number {
  return (
    ((((((c[7]! * z + c[6]!) * z + c[5]!) * z + c[4]!) * z + c[3]!) * z + c[2]!) * z + c[1]!) * z +
    c[0]!
  );
}
function horner9(c: readonly number[], z: number): number {
  return (
    (((((((c[8]! * z + c[7]!) * z + c[6]!) * z + c[5]!) * z + c[4]!) * z + c[3]!) * z + c[2]!) * z +
      c[1]!) *
      z +
    c[0]!
  );
}

/** One float64 and its two 32-bit words. */
const F64 = new Float64Array(1);
const WORDS = new Uint32Array(F64.buffer);
/** Which of the two words holds the low 32 bits: the first on little-endian hosts. */
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** `x` with the low 32 bits of its float64 representation cleared (FDLIBM's `SET_LOW_WORD(z, 0)`). */
function highPart(x: number): number {
  F64[0] = x;
  WORDS[LOW_WORD] = 0;
  return F64[0]!;
}

/**
 * erf(x) = 2/√π ∫₀ˣ e^(-t²) dt in float64, within an ulp (FDLIBM's algorithm).
 *
 * @example
 * ```ts
 * erfValue(1); // 0.8427007929497149
 * ```
 */
export function erfValue(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 2 ** -28) return x + EFX * x;
    const z = x * x;
    return x + x * (horner5(PP, z) / horner6(QQ, z));
  }
  if (a < 1.25) {
    const s = a - 1;
    return sign * (ERX + horner7(PA, s) / horner7(QA, s));
  }
  if (a >= 6) return sign * (1 - 1e-300);
  const s = 1 / (a * a);
  const near = a < 1 / 0.35;
  const r = near ? horner8(RA, s) : horner7(RB, s);
  const q = near ? horner9(SA, s) : horner8(SB, s);
  const z = highPart(a);
  const e = Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + r / q);
  return sign * (1 - e / a);
}
