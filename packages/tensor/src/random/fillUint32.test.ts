import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { setSimdEnabled, simdAvailable } from "../kernels/wasm/simd.js";
import { fillUint32, fillUnitFloat32 } from "./fillUint32.js";
import { Generator } from "./index.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("fillUint32", () => {
  afterEach(() => {
    setSimdEnabled(true);
  });

  it("gives the draws and the state that as many gen.random() calls give", () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 31),
        fc.nat(1300),
        fc.array(fc.nat(2000), { maxLength: 4 }),
        (seed, before, counts) => {
          const bulk = new Generator().manualSeed(seed);
          const single = new Generator().manualSeed(seed);
          for (let i = 0; i < before; i++) {
            bulk.random();
            single.random();
          }
          for (const count of counts) {
            const out = fillUint32(bulk, new Uint32Array(count));
            expect(Array.from(out)).toEqual(Array.from({ length: count }, () => single.random()));
            expect(hex(bulk.getState())).toBe(hex(single.getState()));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("makes whole blocks with the SIMD kernel: the draws and the state of one call per draw", () => {
    expect(simdAvailable()).toBe(true);
    // Lengths around whole blocks (624) and the kernel's 26 blocks a call, from any position.
    const lengths = fc.oneof(
      fc.integer({ min: 1240, max: 1260 }),
      fc.integer({ min: 26 * 624 - 5, max: 26 * 624 + 630 }),
      fc.integer({ min: 53 * 624 - 3, max: 53 * 624 + 3 }),
      fc.nat(40_000),
    );
    fc.assert(
      fc.property(fc.nat(2 ** 31), fc.nat(1300), lengths, (seed, before, count) => {
        const bulk = new Generator().manualSeed(seed);
        const single = new Generator().manualSeed(seed);
        for (let i = 0; i < before; i++) {
          bulk.random();
          single.random();
        }
        const out = fillUint32(bulk, new Uint32Array(count));
        const expected = new Uint32Array(count);
        for (let i = 0; i < count; i++) expected[i] = single.random();
        expect(Buffer.from(out.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
        expect(hex(bulk.getState())).toBe(hex(single.getState()));
        // and the generator goes on as one drawing singly would
        expect(bulk.random()).toBe(single.random());
      }),
      { numRuns: 60 },
    );
  });

  it("leaves the state of one call per draw when the draws end at a block's end", () => {
    for (const blocks of [2, 26, 27, 53]) {
      const bulk = new Generator().manualSeed(blocks);
      const single = new Generator().manualSeed(blocks);
      fillUint32(bulk, new Uint32Array(blocks * 624));
      for (let i = 0; i < blocks * 624; i++) single.random();
      expect(hex(bulk.getState())).toBe(hex(single.getState()));
    }
  });

  it("gives the same draws with the SIMD kernels off (the TypeScript twist)", () => {
    const simd = fillUint32(new Generator().manualSeed(99), new Uint32Array(100_003));
    setSimdEnabled(false);
    const plain = fillUint32(new Generator().manualSeed(99), new Uint32Array(100_003));
    expect(Buffer.from(simd.buffer).equals(Buffer.from(plain.buffer))).toBe(true);
  });

  it("continues a state restored with setState, and leaves an empty array alone", () => {
    const source = new Generator().manualSeed(7);
    fillUint32(source, new Uint32Array(1000));
    const restored = new Generator().setState(source.getState());
    const out = fillUint32(restored, new Uint32Array(2000));
    expect(Array.from(out)).toEqual(Array.from({ length: 2000 }, () => source.random()));
    const empty = new Uint32Array(0);
    expect(fillUint32(restored, empty)).toBe(empty);
    expect(hex(restored.getState())).toBe(hex(source.getState()));
  });
});

describe("fillUnitFloat32", () => {
  afterEach(() => {
    setSimdEnabled(true);
  });

  it("gives fillUint32's draws as (d & 0xffffff)·2⁻²⁴, and its state, from any position, SIMD on and off", () => {
    fc.assert(
      fc.property(
        fc.nat(2 ** 31),
        fc.nat(1300),
        fc.array(fc.oneof(fc.nat(2000), fc.integer({ min: 16_000, max: 20_000 })), {
          maxLength: 3,
        }),
        fc.boolean(),
        (seed, before, counts, simd) => {
          setSimdEnabled(simd);
          const floats = new Generator().manualSeed(seed);
          const words = new Generator().manualSeed(seed);
          for (let i = 0; i < before; i++) {
            floats.random();
            words.random();
          }
          for (const count of counts) {
            const got = fillUnitFloat32(floats, new Float32Array(count));
            const d = fillUint32(words, new Uint32Array(count));
            const want = Float32Array.from(d, (x) => (x & 0xffffff) * 2 ** -24);
            expect(hex(new Uint8Array(got.buffer))).toBe(hex(new Uint8Array(want.buffer)));
            expect(hex(floats.getState())).toBe(hex(words.getState()));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
