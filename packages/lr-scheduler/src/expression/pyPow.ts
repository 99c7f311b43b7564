/**
 * Python's float `**` (C's `pow`, which glibc computes correctly rounded in all but vanishingly
 * rare cases), for the factor expressions: V8's `**` is up to 1 ulp away (`0.95 ** 10` is
 * 0.5987369392383786 in V8, 0.5987369392383787 in Python), so LambdaLR("0.95 ** epoch") would
 * drift from PyTorch's lrs in the last bit.
 *
 * For an integer exponent (what schedules use: `gamma ** epoch`) the power is computed by
 * squaring in double-double arithmetic (about 100 bits) and rounded once, which gives the
 * correctly rounded result; any other exponent, and results near the ends of the double range,
 * use `Math.pow`.
 */
export function pyPow(x: number, y: number): number {
  if (!Number.isInteger(y) || Math.abs(y) > 2 ** 31 || !Number.isFinite(x) || x === 0) {
    return x ** y;
  }
  if (y === 0) return 1;
  const rough = x ** y;
  // Keep the double-double products far from overflow and from subnormals.
  if (!(Math.abs(rough) > 1e-280 && Math.abs(rough) < 1e280)) return rough;
  const ax = Math.abs(x);
  if (ax < 1e-140 || ax > 1e140) return rough;
  let n = Math.abs(y);
  // result = 1, base = x, both as (hi, lo) pairs
  let rHi = 1;
  let rLo = 0;
  let bHi = x;
  let bLo = 0;
  while (n > 0) {
    if (n % 2 === 1) {
      mulDD(rHi, rLo, bHi, bLo);
      rHi = outHi;
      rLo = outLo;
    }
    n = Math.floor(n / 2);
    if (n > 0) {
      mulDD(bHi, bLo, bHi, bLo);
      bHi = outHi;
      bLo = outLo;
    }
  }
  if (y < 0) {
    divOneByDD(rHi, rLo);
    rHi = outHi;
    rLo = outLo;
  }
  return rHi + rLo;
}

let outHi = 0;
let outLo = 0;

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split

/** `a · b` exactly as `hi + lo` (Dekker's product, no FMA needed), into outHi/outLo. */
function twoProd(a: number, b: number): void {
  const p = a * b;
  const ta = SPLITTER * a;
  const aHi = ta - (ta - a);
  const aLo = a - aHi;
  const tb = SPLITTER * b;
  const bHi = tb - (tb - b);
  const bLo = b - bHi;
  outHi = p;
  outLo = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** `(aHi + aLo) · (bHi + bLo)` in double-double, into outHi/outLo. */
function mulDD(aHi: number, aLo: number, bHi: number, bLo: number): void {
  twoProd(aHi, bHi);
  const p = outHi;
  const e = outLo + (aHi * bLo + aLo * bHi);
  const s = p + e;
  outHi = s;
  outLo = e - (s - p);
}

/** `1 / (hi + lo)` in double-double (one Newton step on the double quotient), into outHi/outLo. */
function divOneByDD(hi: number, lo: number): void {
  const q1 = 1 / hi;
  // remainder r = 1 - q1 · (hi + lo), exactly enough in double-double
  twoProd(q1, hi);
  const pHi = outHi;
  const pLo = outLo + q1 * lo;
  const r = 1 - pHi - pLo;
  const q2 = r / hi;
  const s = q1 + q2;
  outHi = s;
  outLo = q2 - (s - q1);
}
