import { describe, expect, it } from "vitest";
import * as T from "../index.js";

// Expected strings are PyTorch 1.13's repr of the same tensors, in Kindling's spellings; the
// fixture-driven cases are in parity/printing.parity.test.ts.
describe("formatTensor", () => {
  it("sizes summarized columns on printed elements only, never on what `...` stands for", () => {
    const base = T.ones([3, 2001]);
    for (const row of [0, 1, 2]) base.storage[row * 2001] = 1e-9; // just before each view row
    const row = "[1., 1., 1.,  ..., 1., 1., 1.]";
    expect(base.slice(1, 1).toString()).toBe(`tensor([${row},\n        ${row},\n        ${row}])`);
  });

  it("sizes the columns of a summarized transposed view on its printed rows", () => {
    const x = T.mul(T.ones([3, 2000]), 0.5);
    x.storage[2000 + 5] = 1e9; // row 5 of x.t(): not printed
    const row = "[0.5000, 0.5000, 0.5000]";
    const rows = [row, row, row, "...", row, row, row].join(",\n        ");
    expect(x.t().toString()).toBe(`tensor([${rows}])`);
    x.storage[2000 + 1999] = 1e9; // row 1999 of x.t(): printed
    expect(x.t().toString().split("\n").at(-1)).toBe(
      "        [5.0000e-01, 1.0000e+09, 5.0000e-01]])",
    );
  });

  it("breaks before gradFn where torch's longer grad_fn would pass 80 characters", () => {
    const x = T.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3], { requiresGrad: true });
    expect(T.mul(x, 1).toString()).toBe(
      "tensor([1., 2., 3., 4., 5., 6., 7., 8., 9., 1., 2., 3.],\n       gradFn=<MulBackward0>)",
    );
    expect(T.mul(x.slice(0, 0, 11), 1).toString()).toBe(
      "tensor([1., 2., 3., 4., 5., 6., 7., 8., 9., 1., 2.], gradFn=<MulBackward0>)",
    );
  });
});
