/**
 * Cache-blocked matrix multiply for float32 and float64: `C += A · B` with A `M×K`, B `K×N`
 * (any strides) and C a row-major float64 `M×N` block. Blocks of A and B are packed into
 * contiguous float64 panels (4 rows of A, 4 columns of B), and a 4×4 register tile accumulates
 * in 16 local variables, so the inner loop does 32 flops per 8 loads and never converts
 * float32 to float64 (packing did it once). Products are summed in float64, then rounded once
 * by the caller when C is stored as float32.
 */

const MC = 64;
const KC = 256;
const NC = 512;
const MR = 4;
const NR = 4;

let packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NC);

/** Strided read access to a matrix: element (i, j) is `data[offset + i * rowStride + j * colStride]`. */
export interface MatrixView {
  /** The typed array holding the matrix. */
  readonly data: Float32Array | Float64Array;
  /** Index of element (0, 0). */
  readonly offset: number;
  /** Step between rows. */
  readonly rowStride: number;
  /** Step between columns. */
  readonly colStride: number;
}

/** `c[cOff + i * ldc + j] += Σ_k A(i, k) · B(k, j)` for `i < m`, `j < n`, `k < k`. */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  if (m * n * k <= 32 * 32 * 32 || m < MR || n < NR) {
    gemmSmall(m, n, k, a, b, c, cOff, ldc);
    return;
  }
  if (packedA.length < MC * KC) packedA = new Float64Array(MC * KC);
  if (packedB.length < KC * NC) packedB = new Float64Array(KC * NC);
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(b, p0, kc, j0, nc, packedB);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, i0, mc, p0, kc, packedA);
        for (let j = 0; j < nc; j += NR) {
          const nr = Math.min(NR, nc - j);
          for (let i = 0; i < mc; i += MR) {
            const mr = Math.min(MR, mc - i);
            const cAt = cOff + (i0 + i) * ldc + j0 + j;
            if (mr === MR && nr === NR) micro4x4(packedA, i * kc, packedB, j * kc, kc, c, cAt, ldc);
            else microEdge(packedA, i * kc, packedB, j * kc, kc, c, cAt, ldc, mr, nr);
          }
        }
      }
    }
  }
}

/** Packs rows `i0..i0+mc` × cols `p0..p0+kc` of A as 4-row panels, k-major, zero-padded. */
function packA(
  a: MatrixView,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  out: Float64Array,
): void {
  const { data, offset, rowStride, colStride } = a;
  let o = 0;
  for (let i = 0; i < mc; i += MR) {
    const rows = Math.min(MR, mc - i);
    for (let p = 0; p < kc; p++) {
      const base = offset + (i0 + i) * rowStride + (p0 + p) * colStride;
      for (let r = 0; r < MR; r++) out[o++] = r < rows ? data[base + r * rowStride]! : 0;
    }
  }
}

/** Packs rows `p0..p0+kc` × cols `j0..j0+nc` of B as 4-column panels, k-major, zero-padded. */
function packB(
  b: MatrixView,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
  out: Float64Array,
): void {
  const { data, offset, rowStride, colStride } = b;
  let o = 0;
  for (let j = 0; j < nc; j += NR) {
    const cols = Math.min(NR, nc - j);
    for (let p = 0; p < kc; p++) {
      const base = offset + (p0 + p) * rowStride + (j0 + j) * colStride;
      for (let q = 0; q < NR; q++) out[o++] = q < cols ? data[base + q * colStride]! : 0;
    }
  }
}

function micro4x4(
  ap: Float64Array,
  ao: number,
  bp: Float64Array,
  bo: number,
  kc: number,
  c: Float64Array,
  co: number,
  ldc: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = ap[ao]!;
    const a1 = ap[ao + 1]!;
    const a2 = ap[ao + 2]!;
    const a3 = ap[ao + 3]!;
    const b0 = bp[bo]!;
    const b1 = bp[bo + 1]!;
    const b2 = bp[bo + 2]!;
    const b3 = bp[bo + 3]!;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    ao += 4;
    bo += 4;
  }
  c[co]! += c00;
  c[co + 1]! += c01;
  c[co + 2]! += c02;
  c[co + 3]! += c03;
  co += ldc;
  c[co]! += c10;
  c[co + 1]! += c11;
  c[co + 2]! += c12;
  c[co + 3]! += c13;
  co += ldc;
  c[co]! += c20;
  c[co + 1]! += c21;
  c[co + 2]! += c22;
  c[co + 3]! += c23;
  co += ldc;
  c[co]! += c30;
  c[co + 1]! += c31;
  c[co + 2]! += c32;
  c[co + 3]! += c33;
}

const edge = new Float64Array(MR * NR);

/** The 4×4 tile at the right or bottom border: computes all 16, writes the `mr × nr` that exist. */
function microEdge(
  ap: Float64Array,
  ao: number,
  bp: Float64Array,
  bo: number,
  kc: number,
  c: Float64Array,
  co: number,
  ldc: number,
  mr: number,
  nr: number,
): void {
  edge.fill(0);
  for (let p = 0; p < kc; p++) {
    for (let r = 0; r < MR; r++) {
      const av = ap[ao + r]!;
      for (let q = 0; q < NR; q++) edge[r * NR + q]! += av * bp[bo + q]!;
    }
    ao += MR;
    bo += NR;
  }
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) c[co + r * ldc + q]! += edge[r * NR + q]!;
  }
}

/** Direct loop for small products, where packing would cost more than it saves. */
function gemmSmall(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float64Array,
  cOff: number,
  ldc: number,
): void {
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    for (let p = 0; p < k; p++) {
      const av = ad[a.offset + i * a.rowStride + p * a.colStride]!;
      if (av === 0) continue;
      const bRow = b.offset + p * b.rowStride;
      const bs = b.colStride;
      for (let j = 0; j < n; j++) c[row + j]! += av * bd[bRow + j * bs]!;
    }
  }
}
