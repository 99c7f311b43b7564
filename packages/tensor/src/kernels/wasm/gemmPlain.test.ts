import { describe, expect, it } from "vitest";
import { relaxedSimdActive } from "./gemmModule.js";
import { GEMM_RELAXED_WASM_BASE64 } from "./gemmRelaxedBinary.js";
import { loadWasm } from "./loadWasm.js";
import { simdAvailable } from "./simd.js";

/**
 * Runs only in the vitest project "@kindling/tensor (plain SIMD matmul)", started with
 * `KINDLING_RELAXED_SIMD=0`, where gemmF32.test.ts and threads/gemmThreaded.test.ts run again on
 * the plain SIMD kernel (a multiply, then an add). That setting forbids the relaxed kernel from
 * the start, so Node 20's V8 flags are never touched.
 */
describe.skipIf(!simdAvailable())("KINDLING_RELAXED_SIMD=0", () => {
  it("keeps float32 matmuls on the plain kernel, and V8's flags as they were", () => {
    expect(process.env.KINDLING_RELAXED_SIMD).toBe("0");
    expect(relaxedSimdActive()).toBe(false);
    if (/^11\.3\./.test(process.versions.v8)) {
      expect(loadWasm(GEMM_RELAXED_WASM_BASE64)).toBeNull();
    }
  });
});
