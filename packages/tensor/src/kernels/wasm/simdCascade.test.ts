import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as T from "../../index.js";
import type { Tensor } from "../../tensor.js";
import { bothPaths, differingBits } from "../../testing/simdPaths.js";
import { setSimdEnabled, simdAvailable } from "./simd.js";

/**
 * The cascade sum's kernel against cascadeSum.ts's loops, which the parity fixtures check
 * against PyTorch: the same bits over random shapes that cross the kernel's blocks (1,024 rows of
 * 32 floats, or whole column rows), its carries, its groups of 32 and 8 columns and their tails,
 * with infinities, NaN and signed zeros among the values.
 */
afterEach(() => {
  setSimdEnabled(true);
});

function sample(shape: number[], seed: number, special: boolean): Tensor {
  T.manualSeed(seed);
  const x = T.randn(shape).mul(T.rand(shape).mul(12).sub(6).exp());
  if (!special || x.numel() < 4) return x;
  const flat = x.view(-1);
  flat.narrow(0, 1, 1).fill_(Number.POSITIVE_INFINITY);
  flat.narrow(0, 2, 1).fill_(-0);
  flat.narrow(0, x.numel() - 1, 1).fill_(Number.NaN);
  return x;
}

describe.skipIf(!simdAvailable())("the cascade sum's WebAssembly kernel", () => {
  it("sums long rows as the loops do (full sums and row sums)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2048, max: 140_000 }),
        fc.nat(1000),
        fc.boolean(),
        (rows, n, seed, special) => {
          const x = sample([rows, n], seed, special);
          expect(differingBits(...bothPaths(() => x.sum()))).toBe(0);
          expect(differingBits(...bothPaths(() => x.sum(1)))).toBe(0);
        },
      ),
      { numRuns: 25, seed: 4 },
    );
  });

  it("sums columns as the loops do (groups of 32 and 8, tails, many blocks)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 5000 }),
        fc.integer({ min: 8, max: 700 }),
        fc.nat(1000),
        fc.boolean(),
        (rows, cols, seed, special) => {
          fc.pre(rows * cols <= 1_500_000);
          const x = sample([rows, cols], seed, special);
          expect(differingBits(...bothPaths(() => x.sum(0)))).toBe(0);
          expect(differingBits(...bothPaths(() => x.sum(0, true)))).toBe(0);
        },
      ),
      { numRuns: 40, seed: 5 },
    );
  });

  it("sums four to seven columns as the loops do (the four-lane kernel, blocks and carries)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 4, max: 7 }),
        fc.nat(1000),
        fc.boolean(),
        (rows, cols, seed, special) => {
          const x = sample([rows, cols], seed, special);
          expect(differingBits(...bothPaths(() => x.sum(0)))).toBe(0);
        },
      ),
      { numRuns: 60, seed: 6 },
    );
  });

  it("sums columns past 2^16 rows, where the levels carry three times", () => {
    const x = sample([70_000, 41], 3, false);
    expect(differingBits(...bothPaths(() => x.sum(0)))).toBe(0);
  });
});
