import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rejectUnknownOptions } from "./rejectUnknownOptions.js";

const KNOWN = ["batchSize", "shuffle", "dropLast"];

describe("rejectUnknownOptions", () => {
  it("passes any object made of known keys, and anything that is not an object", () => {
    fc.assert(
      fc.property(fc.subarray(KNOWN), (keys) => {
        const options = Object.fromEntries(keys.map((k) => [k, 1]));
        expect(() => rejectUnknownOptions("DataLoader", options, KNOWN)).not.toThrow();
      }),
    );
    for (const value of [undefined, null, 3, "x"]) {
      expect(() => rejectUnknownOptions("DataLoader", value, KNOWN)).not.toThrow();
    }
  });

  it("refuses any other key, naming it and every option", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !KNOWN.includes(k) && k !== "__proto__"),
        (key) => {
          expect(() =>
            rejectUnknownOptions("DataLoader", { shuffle: true, [key]: 0 }, KNOWN),
          ).toThrow(`DataLoader got an unknown option "${key}"`);
        },
      ),
    );
    expect(() => rejectUnknownOptions("DataLoader", { shufle: true }, KNOWN)).toThrow(
      new TypeError(
        'DataLoader got an unknown option "shufle"; its options are batchSize, shuffle, dropLast',
      ),
    );
  });

  it("names the option a PyTorch keyword stands for, and throws the caller's error type", () => {
    class DataError extends Error {}
    const attempt = () =>
      rejectUnknownOptions("DataLoader", { batch_size: 50 }, KNOWN, (m) => new DataError(m));
    expect(attempt).toThrow(DataError);
    expect(attempt).toThrow('"batch_size" (did you mean batchSize?)');
  });
});

describe("the creation functions' options", () => {
  it("refuse a misspelled key instead of creating float32 without a word", async () => {
    const { Generator, rand, randint, randn, randperm, tensor, zeros } = await import(
      "../index.js"
    );
    expect(() => zeros([2], { dtpye: "float64" } as never)).toThrow(
      new TypeError(
        'a creation function got an unknown option "dtpye"; its options are dtype, requiresGrad',
      ),
    );
    const { eye, full, ones, onesLike, arange, linspace, empty } = await import("../index.js");
    for (const make of [
      () => ones([2], { dtpye: "float64" } as never),
      () => full([2], 1, { dtpye: "float64" } as never),
      () => onesLike(zeros([2]), { dtpye: "float64" } as never),
      () => eye(2, 2, { dtpye: "float64" } as never),
      () => arange(0, 2, 1, { dtpye: "float64" } as never),
      () => linspace(0, 1, 2, { dtpye: "float64" } as never),
      () => empty([2], { dtpye: "float64" } as never),
    ]) {
      expect(make).toThrow('a creation function got an unknown option "dtpye"');
    }
    expect(() => tensor([1, 2], { requires_grad: true } as never)).toThrow(
      '"requires_grad" (did you mean requiresGrad?)',
    );
    for (const make of [
      () => rand([2], { seed: 1 } as never),
      () => randn([2], { seed: 1 } as never),
      () => randint(0, 3, [2], { seed: 1 } as never),
      () => randperm(3, { seed: 1 } as never),
    ]) {
      expect(make).toThrow(
        'a random creation function got an unknown option "seed"; its options are dtype, requiresGrad, generator',
      );
    }
    const generator = new Generator();
    expect(rand([2], { generator, dtype: "float64", requiresGrad: true }).dtype).toBe("float64");
  });
});
