import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Generator } from "./generator.js";
import { nextUint32 } from "./mt19937.js";
import { randpermInto } from "./randperm.js";
import { remainder } from "./remainder.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** PyTorch's loop as written: one draw at a time, `draw % (n - i)`, swaps on plain numbers. */
function reference(gen: Generator, n: number): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const j = i + (nextUint32(gen.mt) % (n - i));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  return perm;
}

describe("randpermInto against PyTorch's loop", () => {
  it("gives its permutation in every output type and leaves the generator where it does", () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 31),
        // around the 4096-draw blocks, and the Mersenne Twister's 624-word regenerations
        fc.oneof(fc.nat(40), fc.integer({ min: 4090, max: 4100 }), fc.nat(13_000)),
        fc.nat(700),
        fc.constantFrom("int64", "int32", "float32", "float64"),
        (seed, n, before, kind) => {
          const ours = new Generator().manualSeed(seed);
          const theirs = new Generator().manualSeed(seed);
          for (let i = 0; i < before; i++) {
            ours.random();
            theirs.random();
          }
          const out =
            kind === "int64"
              ? new BigInt64Array(n).fill(-1n)
              : kind === "int32"
                ? new Int32Array(n).fill(-1)
                : kind === "float32"
                  ? new Float32Array(n).fill(-1)
                  : new Float64Array(n).fill(-1);
          const got = randpermInto(ours, out);
          expect(Array.from(got as ArrayLike<number | bigint>, Number)).toEqual(
            reference(theirs, n),
          );
          expect(hex(ours.getState())).toBe(hex(theirs.getState()));
        },
      ),
      { numRuns: 120 },
    );
  });

  it("is torch.randperm(5) after manual_seed(42)", () => {
    expect(Array.from(randpermInto(new Generator().manualSeed(42), new Int32Array(5)))).toEqual([
      2, 4, 3, 0, 1,
    ]);
  });
});

describe("remainder", () => {
  const exact = (x: number, m: number) => Number(BigInt(x) % BigInt(m));
  const word = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  const divisor = fc.oneof(
    fc.integer({ min: 1, max: 16 }),
    fc.integer({ min: 1, max: 2 ** 32 - 1 }),
    fc.integer({ min: 2 ** 32 - 16, max: 2 ** 32 - 1 }),
  );

  it("is x % m for every 32-bit x and divisor", () => {
    fc.assert(
      fc.property(word, divisor, (x, m) => {
        expect(remainder(x, m)).toBe(exact(x, m));
      }),
      { numRuns: 20_000 },
    );
  });

  it("is exact next to multiples of m, where the quotient's rounding matters", () => {
    fc.assert(
      fc.property(divisor, fc.nat(2 ** 32), fc.integer({ min: -2, max: 2 }), (m, q, d) => {
        const x = Math.floor(q / m) * m + d;
        fc.pre(x >= 0 && x < 2 ** 32);
        expect(remainder(x, m)).toBe(exact(x, m));
      }),
      { numRuns: 20_000 },
    );
    for (const [x, m] of [
      [2 ** 32 - 1, 1],
      [2 ** 32 - 1, 2],
      [2 ** 32 - 1, 3],
      [2 ** 32 - 1, 2 ** 32 - 1],
      [2 ** 32 - 2, 2 ** 32 - 1],
      [0, 7],
      [4294967293, 65537],
    ] as const) {
      expect(remainder(x, m)).toBe(exact(x, m));
    }
  });
});
