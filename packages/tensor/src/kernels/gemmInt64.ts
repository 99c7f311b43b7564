/**
 * Integer matrix multiply `C = A · B` for int64 (exact, wrapping modulo 2^64 like PyTorch), with
 * A `M×K` and B `K×N` at any strides and C row-major. A plain triple loop: int64 matmul is rare.
 */
export function gemmInt64(
  m: number,
  n: number,
  k: number,
  a: BigInt64Array,
  aOff: number,
  aRs: number,
  aCs: number,
  b: BigInt64Array,
  bOff: number,
  bRs: number,
  bCs: number,
  c: BigInt64Array,
  cOff: number,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0n;
      for (let p = 0; p < k; p++)
        acc += a[aOff + i * aRs + p * aCs]! * b[bOff + p * bRs + j * bCs]!;
      c[cOff + i * n + j] = BigInt.asIntN(64, acc);
    }
  }
}
