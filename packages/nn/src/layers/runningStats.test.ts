import type { DType } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import {
  expectClose,
  type FixtureTensor,
  flat,
  fromFlat,
  loadFixture,
} from "../testing/fixtures.js";
import { BatchNorm1d } from "./batchNorm1d.js";

interface StatsCase {
  dtype: DType;
  momentum: number | null;
  shape: number[];
  batches: number[][];
  state: Record<string, FixtureTensor>;
}

describe("BatchNorm1d running statistics after five training steps equal PyTorch's bit for bit", () => {
  for (const c of loadFixture<StatsCase[]>("running_stats")) {
    it(`${c.dtype} momentum=${c.momentum} input [${c.shape}]`, () => {
      const bn = new BatchNorm1d(4, { momentum: c.momentum, dtype: c.dtype });
      for (const b of c.batches) bn.call(fromFlat(b, c.shape, c.dtype));
      for (const [key, t] of bn.stateDict()) {
        if (c.dtype === "float64" && c.shape.length === 3) {
          // PyTorch sums each channel's squared deviations over [N, C, L] float64 input in an
          // order we do not replicate exactly: equal to within an ulp, not bit for bit.
          expectClose(flat(t), c.state[key]!.values, { rtol: 4e-16, atol: 0 }, key);
        } else {
          expect(flat(t), key).toEqual(c.state[key]!.values);
        }
      }
      expect(bn.numBatchesTracked!.dtype).toBe("int64");
    });
  }
});
