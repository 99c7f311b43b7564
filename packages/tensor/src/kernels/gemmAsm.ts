/**
 * The TypeScript matmul's inner kernel, written in the asm.js subset of JavaScript.
 *
 * An ordinary JavaScript loop over `Float64Array` panels re-checks each array's map, reloads its
 * data pointer and checks every index on every step: V8 gives about 6 GFLOP/s at best that way
 * (see `bench/NOTES.md`). A function whose body starts with `"use asm"` and passes V8's asm.js
 * validation is compiled ahead of time to machine code over one fixed heap, with the
 * accumulators held in registers, and runs about 1.6 times as fast.
 *
 * The directive is not written in this file: bundlers and dev servers reprint code (esbuild
 * prints `0.0` as `0`, a minifier turns `x = x | 0` into `x |= 0`), and V8 prints an "Invalid
 * asm.js" warning for every such copy it is asked to validate. So {@link gemmKernel} is plain
 * JavaScript, and {@link compileAsmKernel} makes the asm.js copy from its source text at run
 * time, only when that text is still the one written here (as `tsc` emits it) and the runtime
 * allows code from strings. Anywhere else (a bundle, a page whose Content Security Policy
 * forbids `new Function`), the plain function runs, with the same results at the plain speed.
 * `gemmAsm.test.ts` checks that the emitted source compiles as asm.js in Node and gives the
 * plain function's bits.
 *
 * The heap holds three regions (byte offsets below): packed 4-row panels of A, packed 4-column
 * panels of B (both k-major, as `gemm.ts` packs them) and a block of C that the kernel
 * overwrites with the block's products; the caller adds that block into its own C.
 */

/** The kernel's exports. */
export interface GemmBlockKernel {
  /**
   * Writes `C[i·ldc + j] = Σ_p A(i, p) · B(p, j)` for `i < mc`, `j < nc` (both multiples of 4),
   * `p < kc`, summing in float64 in order of p. Offsets and `ldc` as in the heap layout.
   */
  block(
    mc: number,
    nc: number,
    kc: number,
    aAt: number,
    bAt: number,
    cAt: number,
    ldc: number,
  ): void;
}

/** What the module takes from the global object (asm.js's "stdlib"). */
interface AsmStdlib {
  readonly Float64Array: Float64ArrayConstructor;
  readonly Math: Math;
}

/** An asm.js module function: (stdlib, foreign, heap) to its exports. */
export type GemmKernelModule = (
  stdlib: AsmStdlib,
  foreign: unknown,
  heap: ArrayBuffer,
) => GemmBlockKernel;

/**
 * The kernel module, written to the rules of asm.js (without its directive, see above): `x | 0`
 * for int32 and `+x` for float64 coercions, `0.0` literals for float64 locals, `imul` for
 * integer products and byte offsets shifted by 3 for every heap access. The 4×4 tile of C is
 * computed as two 4×2 halves: 16 accumulators do not fit x64's 16 float registers beside the
 * loaded values, 8 do.
 */
export function gemmKernel(
  stdlib: AsmStdlib,
  _foreign: unknown,
  heap: ArrayBuffer,
): GemmBlockKernel {
  var f64 = new stdlib.Float64Array(heap);
  var imul = stdlib.Math.imul;

  function half(ap: number, bp: number, kc: number, cp: number, ldb: number): void {
    ap = ap | 0;
    bp = bp | 0;
    kc = kc | 0;
    cp = cp | 0;
    ldb = ldb | 0;
    var end = 0;
    var a0 = 0.0,
      a1 = 0.0,
      a2 = 0.0,
      a3 = 0.0,
      b0 = 0.0,
      b1 = 0.0;
    var c00 = 0.0,
      c01 = 0.0,
      c10 = 0.0,
      c11 = 0.0,
      c20 = 0.0,
      c21 = 0.0,
      c30 = 0.0,
      c31 = 0.0;
    end = (ap + (kc << 5)) | 0;
    while ((ap | 0) < (end | 0)) {
      a0 = +f64[ap >> 3]!;
      a1 = +f64[(ap + 8) >> 3]!;
      a2 = +f64[(ap + 16) >> 3]!;
      a3 = +f64[(ap + 24) >> 3]!;
      b0 = +f64[bp >> 3]!;
      b1 = +f64[(bp + 8) >> 3]!;
      c00 = c00 + a0 * b0;
      c01 = c01 + a0 * b1;
      c10 = c10 + a1 * b0;
      c11 = c11 + a1 * b1;
      c20 = c20 + a2 * b0;
      c21 = c21 + a2 * b1;
      c30 = c30 + a3 * b0;
      c31 = c31 + a3 * b1;
      ap = (ap + 32) | 0;
      bp = (bp + 32) | 0;
    }
    f64[cp >> 3] = c00;
    f64[(cp + 8) >> 3] = c01;
    cp = (cp + ldb) | 0;
    f64[cp >> 3] = c10;
    f64[(cp + 8) >> 3] = c11;
    cp = (cp + ldb) | 0;
    f64[cp >> 3] = c20;
    f64[(cp + 8) >> 3] = c21;
    cp = (cp + ldb) | 0;
    f64[cp >> 3] = c30;
    f64[(cp + 8) >> 3] = c31;
  }

  function block(
    mc: number,
    nc: number,
    kc: number,
    aAt: number,
    bAt: number,
    cAt: number,
    ldc: number,
  ): void {
    mc = mc | 0;
    nc = nc | 0;
    kc = kc | 0;
    aAt = aAt | 0;
    bAt = bAt | 0;
    cAt = cAt | 0;
    ldc = ldc | 0;
    var i = 0,
      j = 0,
      ap = 0,
      bp = 0,
      cp = 0;
    for (j = 0; (j | 0) < (nc | 0); j = (j + 4) | 0) {
      bp = (bAt + (imul(j, kc) << 3)) | 0;
      for (i = 0; (i | 0) < (mc | 0); i = (i + 4) | 0) {
        ap = (aAt + (imul(i, kc) << 3)) | 0;
        cp = (cAt + ((imul(i, ldc) + j) << 3)) | 0;
        half(ap, bp, kc, cp, ldc << 3);
        half(ap, (bp + 16) | 0, kc, (cp + 16) | 0, ldc << 3);
      }
    }
  }

  return { block: block };
}

/**
 * Pieces of {@link gemmKernel}'s source (whitespace collapsed) that a reprinting tool would
 * change; the asm.js copy is made only when all are intact.
 */
const INTACT = [
  "(stdlib, _foreign, heap) {",
  "var f64 = new stdlib.Float64Array(heap);",
  "var imul = stdlib.Math.imul;",
  "ap = ap | 0;",
  "var a0 = 0.0,",
  "var c00 = 0.0,",
  "c00 = c00 + a0 * b0;",
  "mc = mc | 0;",
  "return { block: block };",
];

/**
 * The asm.js copy of {@link gemmKernel}, compiled from its source text (`source`, the function's
 * own by default) with the directive put first, or null when that text was reprinted or code
 * from strings is not allowed.
 */
export function compileAsmKernel(source: string = gemmKernel.toString()): GemmKernelModule | null {
  try {
    const flat = source.replace(/\s+/g, " ");
    if (!INTACT.every((piece) => flat.includes(piece))) return null;
    const body = source.slice(source.indexOf("{") + 1, source.lastIndexOf("}"));
    return new Function("stdlib", "_foreign", "heap", `"use asm";${body}`) as GemmKernelModule;
  } catch {
    return null;
  }
}

/** Heap size in bytes: a power of two, as asm.js requires, holding the three regions. */
const HEAP_BYTES = 1 << 21;

/** A kernel instance and float64 views of its heap's regions. */
export interface GemmHeap {
  readonly kernel: GemmBlockKernel;
  /** Packed A panels, at byte 0 of the heap. */
  readonly a: Float64Array;
  /** Packed B panels, at byte `bAt`. */
  readonly b: Float64Array;
  /** The C block, at byte `cAt`. */
  readonly c: Float64Array;
  readonly bAt: number;
  readonly cAt: number;
}

let shared: GemmHeap | null = null;

/**
 * The kernel with a heap for A panels of `aLength`, B panels of `bLength` and a C block of
 * `cLength` float64 elements, made on first use and kept (2 MiB). Every call must ask for the
 * same layout.
 */
export function gemmHeap(aLength: number, bLength: number, cLength: number): GemmHeap {
  if (shared !== null) {
    if (shared.a.length === aLength && shared.b.length === bLength && shared.c.length === cLength)
      return shared;
    throw new RangeError("gemmHeap: asked for a different layout than the first call");
  }
  const bAt = aLength * 8;
  const cAt = bAt + bLength * 8;
  if (cAt + cLength * 8 > HEAP_BYTES) throw new RangeError("gemmHeap: regions exceed the heap");
  const heap = new ArrayBuffer(HEAP_BYTES);
  const kernel = (compileAsmKernel() ?? gemmKernel)(globalThis, null, heap);
  shared = {
    kernel,
    a: new Float64Array(heap, 0, aLength),
    b: new Float64Array(heap, bAt, bLength),
    c: new Float64Array(heap, cAt, cLength),
    bAt,
    cAt,
  };
  return shared;
}
