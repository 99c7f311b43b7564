import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pyPow } from "./pyPow.js";

/** A double from Python's `float.hex()` text. */
function fromHex(text: string): number {
  const m = /^(-)?0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(text);
  if (m === null) throw new Error(`not a float.hex(): ${text}`);
  const mantissa = Number.parseInt(m[2]! + (m[3] ?? "").padEnd(13, "0"), 16) / 2 ** 52;
  return (m[1] === "-" ? -1 : 1) * mantissa * 2 ** Number(m[4]);
}

/** `x ** n` rounded to the nearest double (ties to even), computed exactly with BigInt. */
function exactPow(x: number, n: number): number {
  // x = m · 2^e with m an integer
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  let big = BigInt(m) ** BigInt(n);
  let exponent = e * n;
  const bits = big.toString(2).length;
  if (bits > 53) {
    const shift = BigInt(bits - 53);
    let q = big >> shift;
    const r = big - (q << shift);
    const half = 1n << (shift - 1n);
    if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
    big = q;
    exponent += bits - 53;
  }
  return Number(big) * 2 ** exponent;
}

describe("pyPow: Python's float ** with an integer exponent", () => {
  const fixture = JSON.parse(
    readFileSync(new URL("../../fixtures/pow.json", import.meta.url), "utf8"),
  ) as { data: { cases: [string, number, string][] } };

  it("gives Python's bits for every gamma ** epoch a schedule takes (fixture from CPython)", () => {
    const cases = fixture.data.cases;
    expect(cases.length).toBeGreaterThan(4000);
    const wrong = cases.filter(([b, n, v]) => pyPow(fromHex(b), n) !== fromHex(v));
    expect(wrong).toEqual([]);
    // V8's own ** misses about one in ten of them: the reason pyPow exists.
    const v8Wrong = cases.filter(([b, n, v]) => fromHex(b) ** n !== fromHex(v)).length;
    expect(v8Wrong).toBeGreaterThan(cases.length / 20);
  });

  it("is the correctly rounded power (an exact BigInt computation as the oracle)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        fc.integer({ min: 0, max: 400 }),
        (x, n) => {
          const exact = exactPow(x, n);
          fc.pre(Math.abs(exact) > 1e-280 && Math.abs(exact) < 1e280);
          expect(pyPow(x, n)).toBe(exact);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keeps ** for everything else: fractional exponents, zero, infinities, NaN", () => {
    expect(pyPow(2, 0.5)).toBe(2 ** 0.5);
    expect(pyPow(0, 3)).toBe(0);
    expect(pyPow(0, -1)).toBe(Number.POSITIVE_INFINITY);
    expect(pyPow(5, 0)).toBe(1);
    expect(pyPow(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(pyPow(Number.NaN, 2)).toBeNaN();
    expect(pyPow(-2, 3)).toBe(-8);
    expect(pyPow(-0.5, 2)).toBe(0.25);
    expect(pyPow(10, 400)).toBe(Number.POSITIVE_INFINITY);
  });
});
