import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { flat, readFixture } from "../testing/fixtures.js";

type Case = {
  name: string;
  values: unknown;
  shape: number[];
  dtype: T.DType;
  requiresGrad: boolean;
  text: string;
  /** When present, the printed tensor is the view `values[sliceFrom:]` (dim 0), not `values`. */
  sliceFrom?: number;
};
const cases = readFixture<Case[]>("printing");

/** PyTorch's printout in Kindling's spellings. */
function kindlingSpelling(text: string): string {
  return text
    .replaceAll("requires_grad=True", "requiresGrad=true")
    .replaceAll("dtype=torch.", "dtype=")
    .replaceAll("True", "true")
    .replaceAll("False", "false")
    .replace(/size=\(([^)]*)\)/, "size=[$1]");
}

describe("printing matches PyTorch's repr", () => {
  for (const c of cases) {
    it(c.name, () => {
      const values = flat(c.values).map((v) => (typeof v === "boolean" ? v : Number(v)));
      let t = T.tensor(values as number[], { dtype: c.dtype }).reshape(c.shape);
      if (c.sliceFrom !== undefined) t = t.slice(0, c.sliceFrom);
      if (c.requiresGrad) t.requiresGrad = true;
      expect(t.toString()).toBe(kindlingSpelling(c.text));
    });
  }
});
