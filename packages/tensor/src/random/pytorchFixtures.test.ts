/**
 * Bit-for-bit comparison with PyTorch 1.13's CPU generator, from the fixtures written by
 * scripts/torch/gen_tensor_random.py. Each case also checks the two draws that follow the call,
 * so a call that consumes the wrong number of draws fails even when its own values agree.
 *
 * One known exception: float64 `normal_` takes log, sin and cos from glibc, whose last bit
 * differs from V8's `Math.log`/`Math.sin`/`Math.cos` for a few percent of arguments, so float64
 * normal values are compared to a few ulps (draw counts and everything after them stay exact).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  drawInt64Seed,
  fillBernoulli,
  fillBernoulliTensor,
  fillNormal,
  fillRandom,
  fillRandomFull64,
  fillRandomInt64,
  fillUniform,
  Generator,
  randpermInto,
} from "./index.js";

type Values = (number | string)[];
interface CallCase {
  seed: string;
  values: Values;
  next: number[];
}
interface SizedCase extends CallCase {
  kind: string;
  shape: number[];
}
interface ParamCase extends CallCase {
  kind: string;
  params: Record<string, number | string | number[]>;
}
interface RandpermCase extends CallCase {
  n: number;
}
interface Interleaving {
  seed: string;
  steps: [string, number][];
  values: (Values | string)[];
  state: string;
}
interface DataLoaderCase {
  seed: string;
  epochs: { base_seed: string; sampler_seed: string; perm: number[] }[];
}

const { data } = JSON.parse(
  readFileSync(new URL("../../fixtures/random.json", import.meta.url), "utf8"),
) as {
  data: {
    sized: SizedCase[];
    params: ParamCase[];
    randperm: RandpermCase[];
    interleavings: Interleaving[];
    dataloader: DataLoaderCase[];
  };
};

/** Typed-array contents as plain numbers or decimal strings, to compare with a fixture. */
function plain(values: ArrayLike<number | bigint>, asStrings = false): Values {
  return Array.from(values, (v) =>
    typeof v === "bigint" ? (asStrings ? v.toString() : Number(v)) : v,
  );
}

/** Exact equality, distinguishing 0 from -0, with the first differing index in the message. */
function expectSame(actual: Values, expected: Values): void {
  expect(actual.length).toBe(expected.length);
  const bad = actual.findIndex((v, i) => !Object.is(v, expected[i]));
  expect(bad === -1 ? "" : `index ${bad}: got ${actual[bad]}, want ${expected[bad]}`).toBe("");
}

/**
 * Like {@link expectSame} but allowing libm's last-bit differences: |a - b| within a few ulps of
 * the larger of |b| and `scale`.
 */
function expectClose(actual: Values, expected: Values, scale = 1): void {
  expect(actual.length).toBe(expected.length);
  const bad = actual.findIndex((v, i) => {
    const a = v as number;
    const b = expected[i] as number;
    return !(Math.abs(a - b) <= 8 * Number.EPSILON * Math.max(Math.abs(b), scale));
  });
  expect(bad === -1 ? "" : `index ${bad}: got ${actual[bad]}, want ${expected[bad]}`).toBe("");
}

/** True for the kinds whose values come from libm in float64 (compared with {@link expectClose}). */
const usesLibm64 = (kind: string): boolean => kind === "randn64" || kind === "normal64";

/** The two draws each case records after its call: `randint(0, 2**31, (2,))`. */
function next(g: Generator): number[] {
  return plain(fillRandomInt64(g, new BigInt64Array(2), 0n, 2n ** 31n)) as number[];
}

const numel = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Runs one of the sized kinds on `n` elements. */
function sized(kind: string, g: Generator, n: number): Values {
  switch (kind) {
    case "rand32":
      return plain(fillUniform(g, new Float32Array(n)));
    case "rand64":
      return plain(fillUniform(g, new Float64Array(n)));
    case "randn32":
      return plain(fillNormal(g, new Float32Array(n)));
    case "randn64":
      return plain(fillNormal(g, new Float64Array(n)));
    case "randint":
      return plain(fillRandomInt64(g, new BigInt64Array(n), -5n, 1000n));
    case "bernoulli":
      return plain(fillBernoulli(g, new Float32Array(n), 0.3));
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

describe("rand, randn, randint, bernoulli by size", () => {
  it.each(data.sized)("$kind $shape, seed $seed", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    const values = sized(c.kind, g, numel(c.shape));
    if (usesLibm64(c.kind)) expectClose(values, c.values);
    else expectSame(values, c.values);
    expect(next(g)).toEqual(c.next);
  });
});

/** Runs one of the parameterised kinds. */
function withParams(c: ParamCase, g: Generator): Values {
  const p = c.params;
  const n = p["n"] as number;
  switch (c.kind) {
    case "uniform32":
      return plain(fillUniform(g, new Float32Array(n), p["from"] as number, p["to"] as number));
    case "uniform64":
      return plain(fillUniform(g, new Float64Array(n), p["from"] as number, p["to"] as number));
    case "normal32":
      return plain(fillNormal(g, new Float32Array(n), p["mean"] as number, p["std"] as number));
    case "normal64":
      return plain(fillNormal(g, new Float64Array(n), p["mean"] as number, p["std"] as number));
    case "randint": {
      const out = new BigInt64Array(n);
      fillRandomInt64(g, out, BigInt(p["low"] as string), BigInt(p["high"] as string));
      return plain(out, true);
    }
    case "random_from":
      return plain(
        fillRandomInt64(g, new BigInt64Array(n), BigInt(p["from"] as string), 2n ** 63n),
        true,
      );
    case "random_full64":
      return plain(fillRandomFull64(g, new BigInt64Array(n)), true);
    case "random_int64":
      return plain(fillRandom(g, new BigInt64Array(n)) as BigInt64Array, true);
    case "random_float32":
      return plain(fillRandom(g, new Float32Array(n)) as Float32Array);
    case "random_float64":
      return plain(fillRandom(g, new Float64Array(n)) as Float64Array);
    case "random_bool":
      return plain(fillRandom(g, new Uint8Array(n)) as Uint8Array);
    case "bernoulli_scalar":
      return plain(fillBernoulli(g, new Float64Array(n), p["p"] as number));
    case "bernoulli_probs32": {
      const probs = new Float32Array(p["probs"] as number[]);
      return plain(fillBernoulliTensor(g, new Float32Array(probs.length), probs));
    }
    case "bernoulli_probs64": {
      const probs = new Float64Array(p["probs"] as number[]);
      return plain(fillBernoulliTensor(g, new Float64Array(probs.length), probs));
    }
    default:
      throw new Error(`unknown kind ${c.kind}`);
  }
}

describe("uniform_, normal_, randint, random_ and bernoulli with parameters", () => {
  it.each(data.params)("$kind $params, seed $seed", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    const values = withParams(c, g);
    if (usesLibm64(c.kind)) {
      const p = c.params;
      expectClose(values, c.values, Math.abs(p["mean"] as number) + (p["std"] as number));
    } else {
      expectSame(values, c.values);
    }
    expect(next(g)).toEqual(c.next);
  });
});

describe("randperm", () => {
  it.each(data.randperm)("randperm($n), seed $seed", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    expectSame(plain(randpermInto(g, new BigInt64Array(c.n))), c.values);
    expect(next(g)).toEqual(c.next);
  });
});

describe("interleaved calls on one generator", () => {
  it.each(data.interleavings)("stay in step with PyTorch (seed $seed)", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    c.steps.forEach(([kind, n], i) => {
      const expected = c.values[i]!;
      if (kind === "randperm") {
        expectSame(plain(randpermInto(g, new BigInt64Array(n))), expected as Values);
      } else if (kind === "int64seed") {
        expect(drawInt64Seed(g).toString()).toBe(expected);
      } else if (usesLibm64(kind)) {
        expectClose(sized(kind, g, n), expected as Values);
      } else {
        expectSame(sized(kind, g, n), expected as Values);
      }
    });
    // The state is exact except the cached float64 normal sample (bytes 5024..5031).
    const state = g.getState();
    const want = new Uint8Array(Buffer.from(c.state, "hex"));
    const cached = (bytes: Uint8Array): number[] => [
      new DataView(bytes.buffer).getFloat64(5024, true),
    ];
    expectClose(cached(state), cached(want));
    state.fill(0, 5024, 5032);
    want.fill(0, 5024, 5032);
    expect(Buffer.from(state).toString("hex")).toBe(Buffer.from(want).toString("hex"));
  });
});

describe("DataLoader draws", () => {
  it.each(data.dataloader)("base seed, sampler seed and shuffle (seed $seed)", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    for (const epoch of c.epochs) {
      expect(drawInt64Seed(g).toString()).toBe(epoch.base_seed);
      const samplerSeed = drawInt64Seed(g);
      expect(samplerSeed.toString()).toBe(epoch.sampler_seed);
      const perm = randpermInto(new Generator().manualSeed(samplerSeed), new BigInt64Array(35));
      expectSame(plain(perm), epoch.perm);
    }
  });
});
