import { type DType, manualSeed, rand } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { expectClose, flat, fromFlat, loadFixture, tolerance } from "../testing/fixtures.js";
import { Dropout } from "./dropout.js";

interface DropoutCase {
  dtype: DType;
  p: number;
  seed: number;
  shape: number[];
  input: number[];
  output: number[];
  next: number[];
}

describe("Dropout against PyTorch 1.13 (training mode)", () => {
  const cases = loadFixture<DropoutCase[]>("dropout");

  it.each(cases)("p=$p, $dtype, shape $shape, seed $seed", (c) => {
    manualSeed(c.seed);
    const x = fromFlat(c.input, c.shape, c.dtype);
    const y = new Dropout(c.p).forward(x);
    const out = flat(y);
    // The mask is PyTorch's, element for element: the zeros fall in the same places.
    expect(out.map((v) => v === 0)).toEqual(c.output.map((v) => v === 0));
    // The kept values are x / (1 - p), rounded in the tensor's dtype.
    expectClose(out, c.output, tolerance(c.dtype), "output");
    // The mask consumed as many draws as PyTorch's: the next draw agrees bit for bit.
    expect(flat(rand([2]))).toEqual(c.next);
  });

  it("is the identity in eval mode and draws nothing", () => {
    manualSeed(7);
    const x = fromFlat([1, 2, 3], [3], "float32");
    const dropout = new Dropout(0.3);
    dropout.eval();
    expect(flat(dropout.forward(x))).toEqual([1, 2, 3]);
    const after = flat(rand([2]));
    manualSeed(7);
    expect(flat(rand([2]))).toEqual(after);
  });
});
