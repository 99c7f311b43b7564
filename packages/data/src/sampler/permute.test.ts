import { Generator, randpermInto } from "@kindling/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { permuteInto } from "./permute.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("permuteInto", () => {
  it("gives randpermInto's permutation and leaves the generator where it leaves it", () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 31),
        fc.oneof(fc.nat(40), fc.nat(10_000)),
        fc.nat(700),
        (seed, n, before) => {
          const ours = new Generator().manualSeed(seed);
          const theirs = new Generator().manualSeed(seed);
          for (let i = 0; i < before; i++) {
            ours.random();
            theirs.random();
          }
          const a = permuteInto(ours, new Int32Array(n));
          const b = randpermInto(theirs, new Int32Array(n));
          expect(Array.from(a)).toEqual(Array.from(b));
          expect(hex(ours.getState())).toBe(hex(theirs.getState()));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("is torch.randperm(5) after manual_seed(42)", () => {
    expect(Array.from(permuteInto(new Generator().manualSeed(42), new Int32Array(5)))).toEqual([
      2, 4, 3, 0, 1,
    ]);
  });
});
