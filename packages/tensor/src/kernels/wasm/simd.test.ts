import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { CONSTANTS_AT, OUT_SKEW as WAT_OUT_SKEW } from "../../../scripts/wasm/kernelsWat.mjs";
import * as T from "../../index.js";
import type { Tensor } from "../../tensor.js";
import { bothPaths, differingBits } from "../../testing/simdPaths.js";
import {
  expKernels,
  logKernels,
  maximumKernels,
  minimumKernels,
  reluKernels,
  tanhKernels,
} from "../generated/tables.js";
import { smallGemm } from "../smallGemm.js";
import { trySimdBinary, trySimdUnary } from "./dispatch.js";
import {
  A,
  B,
  CHUNK,
  heap,
  kernels,
  O,
  OUT_SKEW,
  outSlot,
  SCRATCH,
  SCRATCH_FLOATS,
  SIMD_MIN_ELEMENTS,
  SIMD_MIN_TRANSCENDENTAL,
  setSimdEnabled,
  simdAvailable,
  simdExtremumF32,
  simdUnaryF32,
  simdWhereF32,
} from "./simd.js";
import { simdSmallGemmF32 } from "./simdSmallGemm.js";

/**
 * The WebAssembly SIMD kernels against the TypeScript loops they stand in for: the same bits for
 * add, sub, mul, div (tensor-tensor, tensor-scalar, scalar-tensor), the unary ops and sums (tanh:
 * simdSleef.test.ts). Sizes
 * straddle the SIMD threshold, the 4-lane width and the chunk length.
 */
const RUNS = { numRuns: 30, seed: 11 };
const sizes = fc.oneof(
  fc.integer({ min: SIMD_MIN_TRANSCENDENTAL - 2, max: SIMD_MIN_TRANSCENDENTAL + 9 }),
  fc.integer({ min: SIMD_MIN_ELEMENTS - 2, max: SIMD_MIN_ELEMENTS + 9 }),
  fc.integer({ min: CHUNK - 5, max: CHUNK + 5 }),
  fc.integer({ min: 1, max: 3 * CHUNK + 7 }),
);

afterEach(() => {
  setSimdEnabled(true);
});

function values(n: number, seed: number, lo: number, hi: number): Tensor {
  T.manualSeed(seed);
  return T.rand([n])
    .mul(hi - lo)
    .add(lo);
}

/**
 * Two tensors of `n` values in [-r, r) from `seed`, with `pairs` of special values written at the
 * same spread-out positions of both (where a kernel and its loop could part ways).
 */
function pairedOperands(n: number, seed: number, r: number, pairs: number[][]): [Tensor, Tensor] {
  const a = values(n, seed, -r, r);
  const b = values(n, seed + 1, -r, r);
  const x = a.storage as Float32Array;
  const y = b.storage as Float32Array;
  pairs.forEach(([p, q], i) => {
    const at = (i * 7919) % n;
    x[at] = p!;
    y[at] = q!;
  });
  return [a, b];
}

function expectSameBits(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  expect(differingBits(a, b)).toBe(0);
}

describe("WebAssembly SIMD kernels", () => {
  it("load on Node 20 (WebAssembly SIMD is part of V8 since 9.1)", () => {
    expect(simdAvailable()).toBe(true);
  });

  it("hand out the out slot's first floats as one cached view per short length", () => {
    const k = kernels()!;
    const mem = heap(k);
    const short = outSlot(mem, 200);
    expect(short.buffer).toBe(k.memory.buffer);
    expect(short.byteOffset).toBe(O);
    expect(short.length).toBe(200);
    expect(outSlot(mem, 200)).toBe(short);
    expect(outSlot(mem, 4).length).toBe(4);
    // Long lengths get a fresh view each time (no cache of thousands of views).
    const long = outSlot(mem, CHUNK);
    expect(long.length).toBe(CHUNK);
    expect(long.byteOffset).toBe(O);
    expect(outSlot(mem, CHUNK)).not.toBe(long);
    // Another heap view (as after the memory grew) starts a new cache.
    const other = new Float32Array(k.memory.buffer, 0, mem.length);
    expect(outSlot(other, 200)).not.toBe(short);
    expect(outSlot(other, 200).length).toBe(200);
  });

  it("add, sub, mul, div give the TypeScript loops' bits, with tensors and scalars", () => {
    const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
      ["add", (a, b) => T.add(a, b)],
      ["sub", (a, b) => T.sub(a, b)],
      ["mul", (a, b) => T.mul(a, b)],
      ["div", (a, b) => T.div(a, b)],
      ["add scalar", (a) => T.add(a, 0.1)],
      ["scalar sub", (a) => T.sub(1, a)],
      ["mul scalar", (a) => T.mul(a, -3.7)],
      ["scalar div", (a) => T.div(2, a)],
      ["0-d tensor", (a, b) => T.mul(a, b.select(0, 0))],
    ];
    fc.assert(
      fc.property(
        sizes,
        fc.nat(1000),
        fc.integer({ min: 0, max: ops.length - 1 }),
        (n, seed, o) => {
          const a = values(n, seed, -50, 50);
          const b = values(n, seed + 1, -2, 2);
          // Infinities, NaN, zeros of both signs and subnormals go through the same lanes.
          const specials = [0, -0, Number.POSITIVE_INFINITY, Number.NaN, 1e-40, -1e-39];
          const data = a.storage as Float32Array;
          specials.forEach((v, i) => {
            if (i < n) data[(i * 7919) % n] = v;
          });
          const [simd, ts] = bothPaths(() => ops[o]![1](a, b));
          expectSameBits(simd, ts);
          // Views that start inside their storage take the same paths.
          if (n > 8) {
            const [sv, tv] = bothPaths(() =>
              ops[o]![1](a.narrow(0, 3, n - 5), b.narrow(0, 5, n - 5)),
            );
            expectSameBits(sv, tv);
          }
        },
      ),
      RUNS,
    );
  });

  it("maximum and minimum give the loops' bits (NaN on either side, ties of ±0, infinities), with tensors and scalars", () => {
    const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
      ["maximum", (a, b) => T.maximum(a, b)],
      ["minimum", (a, b) => T.minimum(a, b)],
      ["maximum with a 0-d tensor", (a, b) => T.maximum(a, b.select(0, 0))],
      ["0-d tensor minimum", (a, b) => T.minimum(b.select(0, 1), a)],
    ];
    // [x, y] pairs where the kernel's pmax/pmin and the loop's `x > y || x !== x` could part ways
    const pairs = [
      [0, -0],
      [-0, 0],
      [Number.NaN, 1],
      [1, Number.NaN],
      [Number.NaN, Number.NaN],
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      [-2, -2],
      [1e-40, -1e-40],
    ];
    fc.assert(
      fc.property(
        sizes,
        fc.nat(1000),
        fc.integer({ min: 0, max: ops.length - 1 }),
        (n, seed, o) => {
          const [a, b] = pairedOperands(n, seed, 3, pairs);
          const [simd, ts] = bothPaths(() => ops[o]![1](a, b));
          expectSameBits(simd, ts);
        },
      ),
      RUNS,
    );
    // the entry points run the kernels themselves (false, writing nothing, without SIMD)
    const n = SIMD_MIN_ELEMENTS + 5;
    const a = Float32Array.from({ length: n }, (_, i) => i - 100.5);
    const out = new Float32Array(n).fill(7);
    expect(trySimdBinary(maximumKernels, a, 0, 1, a, 0, 0, out, 0, n)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(a, (v) => Math.max(v, -100.5)));
    expect(trySimdBinary(minimumKernels, a, 0, 1, a, 1, 1, out, 0, n - 1)).toBe(true);
    expect(out[0]).toBe(-100.5);
    setSimdEnabled(false);
    expect(trySimdBinary(maximumKernels, a, 0, 1, a, 0, 1, out, 0, n)).toBe(false);
    expect(simdExtremumF32("max", a, 0, n)).toBeNull();
    setSimdEnabled(true);
    expect(simdExtremumF32("max", a, 0, n)).toBe(n - 101.5);
    expect(simdExtremumF32("min", a, 3, n - 3)).toBe(-97.5);
    // zero and NaN results are the loop's to give
    expect(simdExtremumF32("max", new Float32Array(n), 0, n)).toBeNull();
  });

  /** Pairs where a comparison kernel and its loop could part ways. */
  const COMPARE_PAIRS = [
    [0, -0],
    [Number.NaN, 0],
    [1, Number.NaN],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    [0.25, 0.25],
  ];

  it("comparisons give the loops' bytes (NaN, ±0, infinities), tensor against tensor and a scalar on either side", () => {
    const ops: ((a: Tensor, b: Tensor) => Tensor)[] = [
      (a, b) => T.eq(a, b),
      (a, b) => T.ne(a, b),
      (a, b) => T.lt(a, b),
      (a, b) => T.le(a, b),
      (a, b) => T.gt(a, b),
      (a, b) => T.ge(a, b),
      (a) => T.gt(a, 0),
      (a) => T.le(a, -0),
      (a, b) => T.lt(b.select(0, 0), a),
      (a) => T.ge(0.5, a),
      (a) => T.ne(a, Number.NaN),
    ];
    fc.assert(
      fc.property(
        sizes,
        fc.nat(1000),
        fc.integer({ min: 0, max: ops.length - 1 }),
        (n, seed, o) => {
          const [a, b] = pairedOperands(n, seed, 1, COMPARE_PAIRS);
          setSimdEnabled(true);
          const simd = Array.from(ops[o]!(a, b).toTypedArray() as Uint8Array);
          setSimdEnabled(false);
          const loop = Array.from(ops[o]!(a, b).toTypedArray() as Uint8Array);
          setSimdEnabled(true);
          expect(simd).toEqual(loop);
        },
      ),
      RUNS,
    );
  });

  it("where gives the loop's bits (NaN payloads, -0) from the kernel, with a scalar or a tensor on either side", () => {
    fc.assert(
      fc.property(sizes, fc.nat(1000), fc.integer({ min: 0, max: 2 }), (n, seed, form) => {
        const a = values(n, seed, -1, 1);
        const b = values(n, seed + 1, -1, 1);
        new Uint32Array(a.storage.buffer, a.storage.byteOffset, n)[n >> 1] = 0xffc01234;
        (b.storage as Float32Array)[n >> 2] = -0;
        T.manualSeed(seed);
        const mask = T.rand([n]).gt(0.5);
        const run = () =>
          (form === 0
            ? T.where(mask, a, b)
            : form === 1
              ? T.where(mask, a, -0)
              : T.where(mask, 2.5, b)
          ).toTypedArray() as Float32Array;
        setSimdEnabled(true);
        const simd = run();
        setSimdEnabled(false);
        const loop = run();
        setSimdEnabled(true);
        expect(Array.from(new Uint32Array(simd.buffer, simd.byteOffset, n))).toEqual(
          Array.from(new Uint32Array(loop.buffer, loop.byteOffset, n)),
        );
      }),
      RUNS,
    );
    // the kernel itself ran: it reads the condition bytes, not their truth (2 counts as true)
    const n = SIMD_MIN_ELEMENTS + 3;
    const c = Uint8Array.from({ length: n }, (_, i) => i % 3);
    const a = new Float32Array(n).fill(1);
    const b = new Float32Array(n).fill(-1);
    const out = new Float32Array(n);
    expect(simdWhereF32(c, 0, a, 0, 1, b, 0, 0, out, 0, n)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(c, (v) => (v === 0 ? -1 : 1)));
  });

  it("max and min of a whole tensor give the loop's element: NaN, a zero of either sign, infinities", () => {
    const cases: [string, (d: Float32Array) => void][] = [
      ["random", () => {}],
      ["a NaN", (d) => d.fill(Number.NaN, d.length >> 1, (d.length >> 1) + 1)],
      ["all -0", (d) => d.fill(-0)],
      ["+0 and -0", (d) => d.set(d.map((_, i) => (i % 3 === 0 ? 0 : -0)))],
      ["-0 first, then +0", (d) => d.set(d.map((_, i) => (i === 0 ? -0 : 0)))],
      [
        "infinities",
        (d) => d.fill(Number.POSITIVE_INFINITY, 0, 1).fill(Number.NEGATIVE_INFINITY, 1, 2),
      ],
      ["all negative", (d) => d.set(d.map((v) => -Math.abs(v) - 1))],
    ];
    fc.assert(
      fc.property(
        sizes,
        fc.nat(1000),
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.boolean(),
        (n, seed, c, view) => {
          const a = values(n + 3, seed, -5, 5);
          cases[c]![1](a.storage as Float32Array);
          const x = view ? a.narrow(0, 3, n) : a.narrow(0, 0, n);
          for (const op of [(t: Tensor) => T.max(t), (t: Tensor) => T.min(t)]) {
            const [simd, ts] = bothPaths(() => op(x));
            expectSameBits(simd, ts);
          }
        },
      ),
      RUNS,
    );
  });

  it("a matrix and a row (either first) give the rows kernels' bits, across chunks and phases", () => {
    const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
      ["add", (a, b) => T.add(a, b)],
      ["sub", (a, b) => T.sub(a, b)],
      ["mul", (a, b) => T.mul(a, b)],
      ["div", (a, b) => T.div(a, b)],
    ];
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 2000, max: 9000 })),
        fc.oneof(fc.integer({ min: 1, max: 13 }), fc.constantFrom(64, 255, 256, 4099, CHUNK / 2)),
        fc.integer({ min: 0, max: ops.length - 1 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(1000),
        (rows, cols, o, rowFirst, keepdim, seed) => {
          fc.pre(rows * cols <= 200_000);
          const m = values(rows * cols, seed, -3, 3).reshape(rows, cols);
          const r = values(cols, seed + 1, 0.5, 2);
          const row = keepdim ? r.reshape(1, cols) : r;
          const [simd, ts] = bothPaths(() => (rowFirst ? ops[o]![1](row, m) : ops[o]![1](m, row)));
          expectSameBits(simd, ts);
        },
      ),
      RUNS,
    );
  });

  it("small matrix products give smallGemm's bits, for views of any strides and batches", () => {
    const views = ["contiguous", "transposed", "narrowed", "expanded"] as const;
    const view = (rows: number, cols: number, kind: (typeof views)[number], seed: number) => {
      const v = (n: number) => values(n, seed, -2, 2);
      if (kind === "transposed")
        return v(rows * cols)
          .reshape(cols, rows)
          .t();
      if (kind === "narrowed")
        return v((rows + 2) * (cols + 3))
          .reshape(rows + 2, cols + 3)
          .narrow(1, 1, cols)
          .narrow(0, 2, rows);
      if (kind === "expanded") return v(cols).reshape(1, cols).expand([rows, cols]);
      return v(rows * cols).reshape(rows, cols);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...views),
        fc.constantFrom(...views),
        fc.nat(1000),
        (m, k, n, ka, kb, seed) => {
          fc.pre(m * n * k <= 32 * 32 * 32);
          const a = view(m, k, ka, seed);
          const b = view(k, n, kb, seed + 1);
          const [simd, ts] = bothPaths(() => T.matmul(a, b));
          expectSameBits(simd, ts);
          const [bs, bt] = bothPaths(() => T.bmm(T.stack([a, a.mul(0.5)]), T.stack([b, b])));
          expectSameBits(bs, bt);
          // linear's fused product and bias add: x·wᵀ + bias, and its gradients
          const bias = values(n, seed + 2, -1, 1);
          const fused = () => {
            const x = a.detach().clone().requiresGrad_(); // fresh leaves for each path
            const w = b.t().detach().clone().requiresGrad_();
            const y = T.linear(x, w, bias);
            y.mul(y).sum().backward();
            return T.cat([y.reshape(-1), x.grad!.reshape(-1), w.grad!.reshape(-1)]);
          };
          const [ls, lt] = bothPaths(fused);
          expectSameBits(ls, lt);
        },
      ),
      RUNS,
    );
  });

  it("small products whose B outgrows the scratch area run in blocks of columns, with smallGemm's bits", () => {
    // k·n above SCRATCH_FLOATS (15,360) with B's span within a chunk: blocks of 12 columns, the
    // last with a tail of n % 4 (or no whole vector at all).
    for (const [m, k, n, seed] of [
      [2, 1000, 16, 4],
      [2, 500, 31, 5],
      [1, 1100, 14, 6],
    ] as const) {
      expect(k * n).toBeGreaterThan(SCRATCH_FLOATS);
      const x = values(m * k, seed, -2, 2).reshape(m, k);
      const w = values(n * k, seed + 1, -2, 2).reshape(n, k);
      for (const b of [w.t(), w.t().contiguous()]) {
        const view = (t: Tensor) => ({
          data: t.storage as Float32Array,
          offset: t.storageOffset,
          rowStride: t.strides[0]!,
          colStride: t.strides[1]!,
        });
        const simd = new Float32Array(m * n);
        expect(simdSmallGemmF32(m, n, k, view(x), view(b), simd)).toBe(true);
        const loop = new Float32Array(m * n);
        setSimdEnabled(false);
        try {
          smallGemm(m, n, k, view(x), view(b), loop);
        } finally {
          setSimdEnabled(true);
        }
        expect(Buffer.from(simd.buffer).equals(Buffer.from(loop.buffer))).toBe(true);
      }
    }
  });

  it("column sums (sum over the batch, and the batch-summed gradients of bias, scale, divisor, negated) give the loops' bits", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 2, max: 80 }), fc.integer({ min: 3000, max: 9000 })),
        fc.oneof(fc.integer({ min: 1, max: 11 }), fc.constantFrom(64, 257, 2048, 2049)),
        fc.nat(1000),
        (rows, cols, seed) => {
          fc.pre(rows * cols <= 300_000);
          const grads = () => {
            const x = values(rows * cols, seed, -2, 2)
              .reshape(rows, cols)
              .requiresGrad_();
            const bias = values(cols, seed + 1, -1, 1).requiresGrad_();
            const scale = values(cols, seed + 2, 0.5, 2)
              .reshape(1, cols)
              .requiresGrad_();
            const shift = values(cols, seed + 3, -1, 1)
              .reshape(1, cols)
              .requiresGrad_();
            x.add(bias).mul(scale).div(scale.add(1)).sub(shift).tanh().sum().backward();
            return T.cat([
              x.detach().sum(0), // the forward column sums take the same kernels
              x.detach().mean(0, true).reshape(-1),
              x.grad!.reshape(-1),
              bias.grad!,
              scale.grad!.reshape(-1),
              shift.grad!.reshape(-1),
            ]);
          };
          const [simd, ts] = bothPaths(grads);
          expectSameBits(simd, ts);
        },
      ),
      RUNS,
    );
  });

  it("BatchNorm's training forward (and the backward that reads its statistics) gives the loop's bits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(1, 3, 4, 8, 12, 64, 1024),
        fc.constantFrom("both", "weight", "none"),
        fc.constantFrom(1e-5, 1e-3),
        fc.nat(1000),
        (n, c, affine, eps, seed) => {
          fc.pre(n * c <= 40_000);
          const run = () => {
            const x = values(n * c, seed, -3, 5)
              .reshape(n, c)
              .requiresGrad_();
            const w = affine === "none" ? null : values(c, seed + 1, 0.5, 2).requiresGrad_();
            const b = affine === "both" ? values(c, seed + 2, -1, 1).requiresGrad_() : null;
            const y = T.batchNormTrain(x, w, b, eps);
            y.mul(y).sum().backward();
            const params = [w, b].flatMap((p) => (p === null ? [] : [p.grad!]));
            return T.cat([y.reshape(-1), x.grad!.reshape(-1), ...params]);
          };
          const [simd, ts] = bothPaths(run);
          expectSameBits(simd, ts);
        },
      ),
      RUNS,
    );
  });

  it("neg, abs, sqrt, relu, exp, sigmoid, log and clamp give the TypeScript loops' bits (NaN, ±0, ±Infinity, exp's edges, subnormals among them)", () => {
    const specials = [
      0,
      -0,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      -1.5,
      1e-45,
    ];
    fc.assert(
      fc.property(
        sizes,
        fc.nat(1000),
        fc.constantFrom<[number | null, number | null]>(
          [-0.5, 0.7],
          [0.1, null],
          [null, -0.3],
          [1, -1],
          [0, 0],
        ),
        (n, seed, [lo, hi]) => {
          const a = values(n, seed, -3, 3);
          const data = a.storage as Float32Array;
          specials.forEach((v, i) => {
            if (i < n) data[(i * 7919) % n] = v;
          });
          for (const op of [T.neg, T.abs, T.sqrt, T.relu, T.exp, T.sigmoid, T.log]) {
            const [simd, ts] = bothPaths(() => op(a));
            expectSameBits(simd, ts);
          }
          const [simd, ts] = bothPaths(() => T.clamp(a, lo, hi));
          expectSameBits(simd, ts);
          if (n > 8) {
            const [sv, tv] = bothPaths(() => T.relu(a.narrow(0, 5, n - 5)));
            expectSameBits(sv, tv);
          }
        },
      ),
      RUNS,
    );
  });

  it("run the unary kernels themselves from SIMD_MIN_ELEMENTS on (not the loops)", () => {
    const n = SIMD_MIN_ELEMENTS + 3;
    const a = Float32Array.from({ length: n }, (_, i) => i - 100.5);
    const out = new Float32Array(n).fill(7);
    expect(simdUnaryF32("relu", a, 0, out, 0, n)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(a, (v) => Math.max(v, 0))); // no -0 or NaN here
    expect(simdUnaryF32("clamp", a, 1, out, 0, n - 1, -2, 3)).toBe(true);
    expect(out[0]).toBe(-2);
    expect(out[n - 2]).toBe(3);
    setSimdEnabled(false);
    expect(simdUnaryF32("neg", a, 0, out, 0, n)).toBe(false);
  });

  it("run exp, log and tanh on the kernels from SIMD_MIN_TRANSCENDENTAL elements, the cheap ops from SIMD_MIN_ELEMENTS", () => {
    const n = SIMD_MIN_TRANSCENDENTAL;
    const a = Float32Array.from({ length: SIMD_MIN_ELEMENTS }, (_, i) => i * 0.25 + 0.5);
    const out = new Float32Array(SIMD_MIN_ELEMENTS);
    for (const table of [expKernels, logKernels, tanhKernels]) {
      expect(trySimdUnary(table, a, 0, out, n - 1)).toBe(false);
      out.fill(0);
      expect(trySimdUnary(table, a, 0, out, n)).toBe(true);
      const want = new Float32Array(n);
      table.float32!(a, 0, 1, want, 0, n);
      expect(Array.from(out.subarray(0, n))).toEqual(Array.from(want));
    }
    expect(trySimdUnary(reluKernels, a, 0, out, n)).toBe(false);
    expect(trySimdUnary(reluKernels, a, 0, out, SIMD_MIN_ELEMENTS)).toBe(true);
  });

  it("sum gives the cascade loops' bits, whole and by rows", () => {
    fc.assert(
      fc.property(sizes, fc.nat(1000), (n, seed) => {
        const a = values(n, seed, -1, 3);
        expectSameBits(...bothPaths(() => T.sum(a)));
        expectSameBits(...bothPaths(() => T.sum(a.reshape(1, n), 1)));
      }),
      RUNS,
    );
  });

  it("lay their chunks out apart, the out chunk off page alignment, before the constants", () => {
    expect(OUT_SKEW).toBe(WAT_OUT_SKEW);
    expect(B).toBeGreaterThanOrEqual(A + CHUNK * 4);
    expect(O).toBeGreaterThanOrEqual(B + CHUNK * 4);
    expect(O % 4096).not.toBe(0);
    expect(O % 64).toBe(0);
    expect(CONSTANTS_AT).toBeGreaterThanOrEqual(O + CHUNK * 4);
    expect(SCRATCH).toBeGreaterThan(CONSTANTS_AT);
  });

  it("copy results out into page-aligned arrays: every element of a 1M in-place add", () => {
    const n = 1 << 20;
    const a = T.fromTypedArray(
      Float32Array.from({ length: n }, (_, i) => i % 1000),
      [n],
    );
    const b = T.fromTypedArray(
      Float32Array.from({ length: n }, (_, i) => (i % 7) - 3),
      [n],
    );
    a.add_(b);
    const got = a.storage as Float32Array;
    let bad = -1;
    for (let i = 0; i < n && bad < 0; i++) if (got[i] !== (i % 1000) + ((i % 7) - 3)) bad = i;
    expect(bad).toBe(-1);
  });

  it("are built from their source: the committed kernels match build-wasm.mjs's output", () => {
    const script = join(dirname(fileURLToPath(import.meta.url)), "../../../scripts/build-wasm.mjs");
    expect(() =>
      execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });
});
