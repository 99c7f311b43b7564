const SPLITTER = 134217729; // 2^27 + 1

/**
 * `a * b + c` with a single rounding, as a fused multiply-add instruction computes it (C compilers
 * contract `a + b * c` into one when targeting FMA hardware, as PyTorch's AVX2 kernels are). Uses
 * Dekker's exact product and Knuth's exact sum; exact but for rare double-rounding ties.
 */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p)) return p + c;
  const aHi = a * SPLITTER - (a * SPLITTER - a);
  const aLo = a - aHi;
  const bHi = b * SPLITTER - (b * SPLITTER - b);
  const bLo = b - bHi;
  const productError = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
  const s = p + c;
  const v = s - p;
  const sumError = p - (s - v) + (c - v);
  return s + (sumError + productError);
}
