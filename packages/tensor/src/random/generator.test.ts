import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SEED,
  defaultGenerator,
  fillNormal,
  fillUniform,
  Generator,
  getRngState,
  initialSeed,
  LEGACY_STATE_BYTES,
  manualSeed,
  STATE_BYTES,
  seed,
  setRngState,
} from "./index.js";

interface StateCase {
  seed: string;
  draws: string;
  state: string;
}
interface SeedCase {
  seed: string;
  initial_seed: string;
  rand: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/random.json", import.meta.url), "utf8"),
) as { data: { default_seed: string; states: StateCase[]; seeds: SeedCase[] } };
const data = fixture.data;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));

describe("Generator", () => {
  it("draws std::mt19937's stream (seed 5489 and 42)", () => {
    // The C++ standard fixes the 10000th output of a default-seeded mt19937 at 4123659995.
    const g = new Generator(5489);
    let last = 0;
    for (let i = 0; i < 10000; i++) last = g.random();
    expect(last).toBe(4123659995);
    expect(new Generator(42).random()).toBe(1608637542);
  });

  it("combines two 32-bit draws into random64, the first as the high word", () => {
    const a = new Generator(7);
    const b = new Generator(7);
    const hi = BigInt(b.random());
    const lo = BigInt(b.random());
    expect(a.random64()).toBe((hi << 32n) | lo);
  });

  it("starts from PyTorch's default seed", () => {
    expect(DEFAULT_SEED).toBe(BigInt(data.default_seed));
    expect(new Generator().initialSeed()).toBe(67280421310721n);
  });

  it.each(data.seeds)("seeds like torch.manual_seed($seed)", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    expect(g.initialSeed()).toBe(BigInt(c.initial_seed));
    expect(Array.from(fillUniform(g, new Float32Array(3)))).toEqual(c.rand);
  });

  it("accepts number seeds, negative ones as two's complement", () => {
    expect(new Generator().manualSeed(-1).initialSeed()).toBe(2n ** 64n - 1n);
    expect(new Generator().manualSeed(2 ** 40).initialSeed()).toBe(2n ** 40n);
    expect(() => new Generator().manualSeed(1.5)).toThrow(RangeError);
    expect(() => new Generator().manualSeed(2n ** 64n)).toThrow(RangeError);
    expect(() => new Generator().manualSeed(-(2n ** 63n) - 1n)).toThrow(RangeError);
  });

  it("seed() reseeds non-deterministically and reports the seed", () => {
    const g = new Generator();
    const s = g.seed();
    expect(g.initialSeed()).toBe(s);
    const twin = new Generator().manualSeed(s);
    expect(g.random()).toBe(twin.random());
  });
});

describe("generator state", () => {
  it.each(data.states)("matches torch's get_state() bytes (seed $seed, after $draws)", (c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    if (c.draws.startsWith("rand(700)")) fillUniform(g, new Float32Array(700));
    if (c.draws.endsWith("randn(3, float64)")) fillNormal(g, new Float64Array(3));
    const state = g.getState();
    expect(state.length).toBe(STATE_BYTES);
    expect(hex(state)).toBe(c.state);
  });

  it.each(data.states)("loads torch's state bytes (seed $seed, after $draws)", (c) => {
    const g = new Generator().setState(fromHex(c.state));
    expect(hex(g.getState())).toBe(c.state);
    expect(g.initialSeed()).toBe(BigInt(c.seed));
  });

  it("restores the stream, the cached normal sample included", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.nat(1500),
        fc.boolean(),
        (s, draws, odd) => {
          const g = new Generator().manualSeed(s);
          for (let i = 0; i < draws; i++) g.random();
          if (odd) fillNormal(g, new Float64Array(1));
          const saved = g.getState();
          const expected = fillNormal(g, new Float64Array(5));
          const copy = new Generator().setState(saved);
          expect(Array.from(fillNormal(copy, new Float64Array(5)))).toEqual(Array.from(expected));
          expect(hex(copy.getState())).toBe(hex(g.getState()));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("clone() continues the same stream independently", () => {
    const g = new Generator().manualSeed(3);
    fillNormal(g, new Float64Array(1));
    const copy = g.clone();
    expect(copy.random()).toBe(g.random());
    expect(hex(copy.getState())).toBe(hex(g.getState()));
  });

  it("loads the legacy 5048-byte layout, rebuilding the cached sample as PyTorch does", () => {
    const legacy = new Generator().manualSeed(9).getState().slice(0, LEGACY_STATE_BYTES);
    const view = new DataView(legacy.buffer);
    view.setFloat64(5016, 0.125, true); // normal_x
    view.setFloat64(5032, 2, true); // normal_rho
    view.setInt32(5040, 1, true); // normal_is_valid
    const g = new Generator().setState(legacy);
    expect(g.nextDoubleNormal).toBe(2 * Math.sin(2 * Math.PI * 0.125));
    expect(g.initialSeed()).toBe(9n);
  });

  it("refuses bytes of another size or an invalid mt19937 state", () => {
    expect(() => new Generator().setState(new Uint8Array(5000))).toThrow(
      /Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056/,
    );
    const bad = new Generator().getState();
    new DataView(bad.buffer).setInt32(8, 0, true); // left = 0
    expect(() => new Generator().setState(bad)).toThrow(/Invalid mt19937 state/);
  });
});

describe("default generator", () => {
  it("is driven by manualSeed, initialSeed, getRngState and setRngState", () => {
    const saved = getRngState();
    try {
      expect(manualSeed(42)).toBe(defaultGenerator);
      expect(initialSeed()).toBe(42n);
      expect(Array.from(fillUniform(defaultGenerator, new Float32Array(2)))).toEqual([
        0.8822692632675171, 0.9150039553642273,
      ]);
      const state = getRngState();
      const a = defaultGenerator.random();
      setRngState(state);
      expect(defaultGenerator.random()).toBe(a);
      const s = seed();
      expect(initialSeed()).toBe(s);
    } finally {
      setRngState(saved);
    }
  });
});
