import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fromTypedArray, type Tensor } from "@kindling/tensor";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import wabtInit from "wabt";
import { Adam } from "../../algorithms/adam.js";
import { AdamW } from "../../algorithms/adamw.js";
import { SGD } from "../../algorithms/sgd.js";
import type { Optimizer } from "../../base/optimizer.js";
import { CHUNK, SIMD_MIN_UPDATE, setUpdateSimdEnabled } from "./updateKernels.js";

/**
 * The optimizers' SIMD update kernels against the float32 loops they stand in for: the same bits
 * for the parameters and every state array, over several steps (the first step of momentum SGD
 * and Adam's state creation run the loops; the later ones the kernels), for lengths around the
 * SIMD threshold and the chunk length, and for the hyper-parameters each kernel covers.
 */
const RUNS = { numRuns: 20, seed: 3 };
const lengths = fc.oneof(
  fc.integer({ min: SIMD_MIN_UPDATE - 2, max: SIMD_MIN_UPDATE + 5 }),
  fc.integer({ min: CHUNK - 3, max: CHUNK + 3 }),
  fc.integer({ min: 1, max: 3 * CHUNK + 11 }),
);

afterEach(() => {
  setUpdateSimdEnabled(true);
});

/** Deterministic float32 values in [lo, hi) from a seed (a small LCG: no tensor RNG involved). */
function values(n: number, seed: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

type Make = (params: Tensor[]) => Optimizer<never>;

/** The parameter and its state after `steps` steps of `make`'s optimizer, with SIMD `simd`. */
function run(make: Make, n: number, seed: number, steps: number, simd: boolean): Float32Array[] {
  setUpdateSimdEnabled(simd);
  const param = fromTypedArray(values(n, seed, -2, 2), [n]).requiresGrad_();
  const opt = make([param]);
  for (let step = 0; step < steps; step++) {
    param.grad = fromTypedArray(values(n, seed + 101 * (step + 1), -1, 1), [n]);
    opt.step();
  }
  const state = opt.stateDict().state as Record<string, Record<string, unknown>>;
  const arrays = Object.values(state[0] ?? {})
    .filter((v): v is Tensor => typeof v === "object" && v !== null && "numel" in v)
    .filter((t) => t.numel() === n)
    .map((t) => t.toTypedArray() as Float32Array);
  return [param.toTypedArray() as Float32Array, ...arrays];
}

function expectSameBits(simd: Float32Array[], loops: Float32Array[]): void {
  expect(simd.length).toBe(loops.length);
  simd.forEach((a, k) => {
    const b = loops[k]!;
    expect(a.length).toBe(b.length);
    let diffs = 0;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) diffs++;
    expect(diffs).toBe(0);
  });
}

const optimizers: Record<string, fc.Arbitrary<Make>> = {
  "SGD without momentum": fc
    .record({ lr: fc.double({ min: 1e-4, max: 0.5, noNaN: true }), maximize: fc.boolean() })
    .map((o) => (ps: Tensor[]) => new SGD(ps, o) as unknown as Optimizer<never>),
  "SGD with momentum and dampening": fc
    .record({
      lr: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
      momentum: fc.double({ min: 0.1, max: 0.99, noNaN: true }),
      dampening: fc.constantFrom(0, 0.1, 0.5),
      maximize: fc.boolean(),
    })
    .map((o) => (ps: Tensor[]) => new SGD(ps, o) as unknown as Optimizer<never>),
  Adam: fc
    .record({
      lr: fc.double({ min: 1e-5, max: 0.1, noNaN: true }),
      betas: fc.tuple(fc.constantFrom(0.8, 0.9), fc.constantFrom(0.99, 0.999)),
      eps: fc.constantFrom(1e-8, 1e-6),
      maximize: fc.boolean(),
    })
    .map((o) => (ps: Tensor[]) => new Adam(ps, o) as unknown as Optimizer<never>),
  "AdamW with weight decay": fc
    .record({
      lr: fc.double({ min: 1e-5, max: 0.1, noNaN: true }),
      weightDecay: fc.constantFrom(0, 0.01, 0.1),
    })
    .map((o) => (ps: Tensor[]) => new AdamW(ps, o) as unknown as Optimizer<never>),
};

describe("the optimizers' SIMD update kernels", () => {
  for (const [name, makes] of Object.entries(optimizers)) {
    it(`${name}: the loops' bits for the parameter and its state over three steps`, () => {
      fc.assert(
        fc.property(makes, lengths, fc.nat(10_000), (make, n, seed) => {
          expectSameBits(run(make, n, seed, 3, true), run(make, n, seed, 3, false));
        }),
        RUNS,
      );
    });
  }

  it("are built from their source: the committed kernels match build-wasm.mjs's output", () => {
    const script = fileURLToPath(new URL("../../../scripts/build-wasm.mjs", import.meta.url));
    expect(() =>
      execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });

  it("assemble to the bytes wabt gives", async () => {
    const url = (path: string) => pathToFileURL(fileURLToPath(new URL(path, import.meta.url))).href;
    const { assemble } = (await import(url("../../../../tensor/scripts/wasm/assemble.mjs"))) as {
      assemble: (text: string) => Uint8Array;
    };
    const { updateWat } = (await import(url("../../../scripts/wasm/updateWat.mjs"))) as {
      updateWat: () => string;
    };
    const wabt = await wabtInit();
    const text = updateWat();
    const reference = wabt.parseWat("update.wat", text).toBinary({}).buffer;
    expect(Buffer.from(assemble(text))).toEqual(Buffer.from(reference));
  });
});
