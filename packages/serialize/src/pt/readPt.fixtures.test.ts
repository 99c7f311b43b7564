import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { TensorData } from "../tensor/tensorData.js";
import { describeValue } from "../testing/describeValue.js";
import { readPt } from "./readPt.js";

const folder = new URL("../../fixtures/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("pt_expected.json", folder), "utf8"))
  .data as Record<string, Record<string, unknown>>;

function widenHalf(described: unknown): unknown {
  if (Array.isArray(described)) return described.map(widenHalf);
  if (typeof described !== "object" || described === null) return described;
  const entries = Object.entries(described).map(([k, v]) => [k, widenHalf(v)]);
  const out = Object.fromEntries(entries) as Record<string, unknown>;
  if (out["type"] === "tensor" && (out["dtype"] === "float16" || out["dtype"] === "bfloat16"))
    out["dtype"] = "float32";
  return out;
}

describe("readPt on files written by torch.save (1.13)", () => {
  for (const name of Object.keys(expected)) {
    it(`reads ${name}.pt as PyTorch does`, () => {
      const bytes = new Uint8Array(readFileSync(new URL(`${name}.pt`, folder)));
      const warnings: string[] = [];
      const value = readPt(bytes, { floats: "exact", onWarning: (m) => warnings.push(m) });
      expect(describeValue(value)).toEqual(widenHalf(expected[name]));
      expect(warnings.length > 0).toBe(name === "half");
    });
  }

  it("shares one storage between views, as PyTorch does", () => {
    const bytes = new Uint8Array(readFileSync(new URL("views.pt", folder)));
    const views = readPt(bytes) as unknown as TensorData[];
    expect(new Set(views.map((v) => v.storage)).size).toBe(1);
  });

  it("returns storages as views on the file bytes (no copy) unless asked to copy", () => {
    const bytes = new Uint8Array(readFileSync(new URL("views.pt", folder)));
    const [base] = readPt(bytes) as unknown as TensorData[];
    expect(base!.storage.buffer).toBe(bytes.buffer);
    expect(base!.storage.byteOffset % 64).toBe(0);
    const [copied] = readPt(bytes, { copy: true }) as unknown as TensorData[];
    expect(copied!.storage.buffer).not.toBe(bytes.buffer);
    expect([...copied!.storage]).toEqual([...base!.storage]);
  });
});
