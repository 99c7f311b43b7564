import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  drawInt64Seed,
  fillBernoulli,
  fillBernoulliTensor,
  fillNormal,
  fillNormalScalar,
  fillRandom,
  fillRandomInt64,
  fillUniform,
  Generator,
  randpermInto,
} from "./index.js";

/** Where a generator's stream stands after `draws` 32-bit draws from `seed`. */
function afterDraws(seed: bigint, draws: number): number {
  const g = new Generator().manualSeed(seed);
  for (let i = 0; i < draws; i++) g.random();
  return g.random();
}

const seeds = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe("fillUniform", () => {
  it("stays within [from, to] and draws once per float32, twice per float64", () => {
    fc.assert(
      fc.property(
        seeds,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.nat(40),
        (s, from, width, n) => {
          const to = from + width;
          const g32 = new Generator().manualSeed(s);
          for (const v of fillUniform(g32, new Float32Array(n), from, to)) {
            expect(v >= Math.fround(from) && v <= Math.fround(to)).toBe(true);
          }
          expect(g32.random()).toBe(afterDraws(s, n));
          const g64 = new Generator().manualSeed(s);
          for (const v of fillUniform(g64, new Float64Array(n), from, to)) {
            expect(v >= from && v <= to).toBe(true);
          }
          expect(g64.random()).toBe(afterDraws(s, 2 * n));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("refuses reversed or out-of-range bounds with PyTorch's messages", () => {
    const g = new Generator();
    expect(() => fillUniform(g, new Float32Array(1), 2, 1)).toThrow(
      "uniform_ expects to return a [from, to) range, but found from=2 > to=1",
    );
    expect(() => fillUniform(g, new Float32Array(1), 0, 1e39)).toThrow(
      "to is out of bounds for float",
    );
    expect(() => fillUniform(g, new Float32Array(1), -3e38, 3e38)).toThrow(
      /uniform_ expects to-from <= std::numeric_limits<float>::max\(\)/,
    );
  });
});

describe("fillNormal", () => {
  it("consumes PyTorch's draw counts on both paths", () => {
    fc.assert(
      fc.property(seeds, fc.nat(70), (s, n) => {
        const block = n >= 16;
        const tail = block && n % 16 !== 0 ? 16 : 0;
        const g32 = new Generator().manualSeed(s);
        fillNormal(g32, new Float32Array(n));
        const pairs = Math.ceil(n / 2);
        expect(g32.random()).toBe(afterDraws(s, block ? n + tail : 4 * pairs));
        const g64 = new Generator().manualSeed(s);
        fillNormal(g64, new Float64Array(n));
        expect(g64.random()).toBe(afterDraws(s, block ? 2 * (n + tail) : 4 * pairs));
      }),
      { numRuns: 60 },
    );
  });

  it("shares the cached second sample across calls and dtypes on the scalar path only", () => {
    const g = new Generator().manualSeed(5);
    const [first] = fillNormal(g, new Float64Array(1));
    expect(g.nextDoubleNormal).toBeDefined();
    const cached = g.nextDoubleNormal!;
    // A block fill neither uses nor clears the cache.
    fillNormal(g, new Float32Array(16));
    expect(g.nextDoubleNormal).toBe(cached);
    const [second] = fillNormal(g, new Float32Array(1));
    expect(second).toBe(Math.fround(cached));
    expect(g.nextDoubleNormal).toBeUndefined();
    expect(first).not.toBe(second);
  });

  it("offers the scalar path for any size, as PyTorch runs it for non-contiguous tensors", () => {
    const a = fillNormalScalar(new Generator().manualSeed(1), new Float64Array(20), 2, 3);
    const g = new Generator().manualSeed(1);
    const b = Array.from({ length: 20 }, () => fillNormal(g, new Float64Array(1), 2, 3)[0]);
    expect(Array.from(a)).toEqual(b);
  });

  it("refuses a negative std", () => {
    expect(() => fillNormal(new Generator(), new Float32Array(3), 0, -1)).toThrow(
      "normal expects std >= 0.0, but found std -1",
    );
  });
});

describe("fillRandomInt64 and fillRandom", () => {
  it("stays within [low, high)", () => {
    fc.assert(
      fc.property(
        seeds,
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 2n }),
        fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        (s, low, width) => {
          const high = low + width > 2n ** 63n ? 2n ** 63n : low + width;
          const out = fillRandomInt64(
            new Generator().manualSeed(s),
            new BigInt64Array(8),
            low,
            high,
          );
          for (const v of out) expect(v >= low && v < high).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses empty or out-of-range bounds", () => {
    const g = new Generator();
    expect(() => fillRandomInt64(g, new BigInt64Array(1), 3n, 3n)).toThrow(
      "random_ expects 'from' to be less than 'to', but got from=3 >= to=3",
    );
    expect(() => fillRandomInt64(g, new BigInt64Array(1), 0n, 2n ** 63n + 1n)).toThrow(
      "to - 1 is out of bounds for int64",
    );
  });

  it("draws the DataLoader's int64 seed as random_() on a 0-d int64 tensor", () => {
    const a = new Generator().manualSeed(420);
    const b = new Generator().manualSeed(420);
    expect(drawInt64Seed(a)).toBe(fillRandom(b, new BigInt64Array(1))[0]);
    expect(a.random()).toBe(b.random());
  });
});

describe("fillBernoulli", () => {
  it("gives all zeros for p = 0 and all ones for p = 1, in every output type", () => {
    const g = new Generator();
    expect(Array.from(fillBernoulli(g, new Uint8Array(5), 0))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(fillBernoulli(g, new BigInt64Array(3), 1))).toEqual([1n, 1n, 1n]);
    expect(Array.from(fillBernoulli(g, new Float64Array(2), 1))).toEqual([1, 1]);
  });

  it("refuses probabilities outside [0, 1]", () => {
    const g = new Generator();
    expect(() => fillBernoulli(g, new Float32Array(1), 1.5)).toThrow(
      "bernoulli_ expects p to be in [0, 1], but got p=1.5",
    );
    expect(() => fillBernoulliTensor(g, new Float32Array(1), new Float32Array([-0.1]))).toThrow(
      RangeError,
    );
    expect(() => fillBernoulliTensor(g, new Float32Array(2), new Float32Array(1))).toThrow(
      RangeError,
    );
  });
});

describe("randpermInto", () => {
  it("is a permutation of 0..n-1 drawn with n - 1 draws, in every output type", () => {
    fc.assert(
      fc.property(seeds, fc.nat(300), (s, n) => {
        const g = new Generator().manualSeed(s);
        const perm = randpermInto(g, new BigInt64Array(n));
        expect(Array.from(perm, Number).sort((a, b) => a - b)).toEqual(
          Array.from({ length: n }, (_, i) => i),
        );
        expect(g.random()).toBe(afterDraws(s, Math.max(n - 1, 0)));
        const asFloat = randpermInto(new Generator().manualSeed(s), new Float64Array(n));
        expect(Array.from(asFloat)).toEqual(Array.from(perm, Number));
        const asInt32 = randpermInto(new Generator().manualSeed(s), new Int32Array(n));
        expect(Array.from(asInt32)).toEqual(Array.from(perm, Number));
      }),
      { numRuns: 60 },
    );
  });
});
