import { describe, expect, it } from "vitest";
import { formatFixed, formatScientific } from "./pythonFloat.js";

// Expected strings are Python 3.11's "{:.Nf}" / "{:.Ne}" of the same doubles.
describe("formatFixed is Python's '{:.Nf}'", () => {
  it("rounds exact ties half to even, where toFixed rounds them up", () => {
    expect(formatFixed(0.03125, 4)).toBe("0.0312");
    expect(formatFixed(-0.03125, 4)).toBe("-0.0312");
    expect(formatFixed(0.09375, 4)).toBe("0.0938");
    expect(formatFixed(2.5, 0)).toBe("2");
    expect(formatFixed(3.5, 0)).toBe("4");
  });
  it("rounds non-ties on the exact binary value", () => {
    expect(formatFixed(9.99995, 4)).toBe("10.0000"); // 9.99995000000000011...
    expect(formatFixed(1.00005, 4)).toBe("1.0001"); // 1.00005000000000010...
    expect(formatFixed(2.00005, 4)).toBe("2.0000"); // 2.00004999999999988...
    expect(formatFixed(5e-324, 4)).toBe("0.0000");
  });
  it("keeps the sign of negative zero", () => {
    expect(formatFixed(-0, 4)).toBe("-0.0000");
    expect(formatFixed(-0, 0)).toBe("-0");
    expect(formatFixed(0, 0)).toBe("0");
  });
  it("writes every digit from 1e21 on, where toFixed switches to exponents", () => {
    expect(formatFixed(1e21, 0)).toBe("1000000000000000000000");
  });
});

describe("formatScientific is Python's '{:.Ne}'", () => {
  it("rounds exact ties half to even", () => {
    expect(formatScientific(1.03125, 4)).toBe("1.0312e+00");
    expect(formatScientific(10000.5, 4)).toBe("1.0000e+04");
    expect(formatScientific(100005, 4)).toBe("1.0000e+05");
    expect(formatScientific(0.000103125, 4)).toBe("1.0312e-04");
    expect(formatScientific(25, 0)).toBe("2e+01");
  });
  it("carries into the next exponent and writes two exponent digits or more", () => {
    expect(formatScientific(9.99995, 4)).toBe("1.0000e+01");
    expect(formatScientific(1e23, 4)).toBe("1.0000e+23");
    expect(formatScientific(5e-324, 4)).toBe("4.9407e-324");
    expect(formatScientific(Number.MAX_VALUE, 4)).toBe("1.7977e+308");
  });
  it("keeps the sign of negative zero", () => {
    expect(formatScientific(-0, 4)).toBe("-0.0000e+00");
    expect(formatScientific(0, 4)).toBe("0.0000e+00");
  });
});
