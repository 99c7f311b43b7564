import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillUint32 } from "./fillUint32.js";
import { Generator } from "./index.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("fillUint32", () => {
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
