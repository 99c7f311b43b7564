import { describe, expect, it } from "vitest";
import { DTYPES, dtypeByteSize, isFloatingPoint } from "./dtype.js";

describe("dtype", () => {
  it("has PyTorch's element sizes", () => {
    expect(DTYPES.map(dtypeByteSize)).toEqual([1, 8, 4, 8]);
  });
  it("knows which dtypes are floating point", () => {
    expect(DTYPES.filter(isFloatingPoint)).toEqual(["float32", "float64"]);
  });
});
