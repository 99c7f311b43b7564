import { describe, expect, it } from "vitest";
import { ShapeError } from "../errors.js";
import { randn } from "./randn.js";
import { zeros } from "./zeros.js";

describe("creation refuses sizes that are not non-negative integers", () => {
  it("names a fractional size as such, not as negative", () => {
    expect(() => randn([1.5, 3])).toThrow(/Tensor sizes must be integers, got 1.5 in \[1.5, 3\]/);
    expect(() => zeros([2, Number.NaN])).toThrow(ShapeError);
  });
  it("keeps PyTorch's message for a negative size", () => {
    expect(() => zeros([2, -1])).toThrow(
      /Trying to create tensor with negative dimension -1: \[2, -1\]/,
    );
  });
});
